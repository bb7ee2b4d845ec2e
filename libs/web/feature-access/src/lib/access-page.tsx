import { safeNextPath } from '@plenary/contracts';
import type { EventDetail } from '@plenary/contracts';
import { findMembership, roleLinks, useMe } from '@plenary/web-data-access';
import { BackLink, PageHeader } from '@plenary/web-ui';
import { Link, useSearchParams } from 'react-router';
import { useAccessTranslation } from './access-i18n';
import { PageLoading } from './page-loading';
import { SignInFlow } from './sign-in-flow';
import { useAccessDocumentTitle, useRouteEvent } from './use-route-event';

/** `/e/:slug/access`: "Already registered? Access here": sign in with a link or code sent by e-mail. */
export function AccessPage() {
  const event = useRouteEvent();
  const { t } = useAccessTranslation();
  if (!event) return <PageLoading label={t('loading.page')} />;
  return <AccessContent event={event} />;
}

function AccessContent({ event }: { event: EventDetail }) {
  const { t } = useAccessTranslation();
  const [searchParams] = useSearchParams();
  useAccessDocumentTitle(t('access.documentTitle'), event);
  const base = `/e/${event.slug}`;
  const next = safeNextPath(searchParams.get('next'), window.location.origin);
  // Someone already signed in is offered the home of their work here (console, door app, sessions, ticket).
  const me = useMe();
  const home = roleLinks(findMembership(me.data, event.slug), event.slug)[0];
  return (
    <div className="pl-container pa-page">
      <PageHeader
        before={<BackLink to={base}>{t('actions.backToEvent')}</BackLink>}
        eyebrow={event.tagline ?? event.name}
        title={t('access.title')}
        lead={t('access.lead', { event: event.name })}
      />
      <div className="pa-register">
        <SignInFlow
          eventSlug={event.slug}
          next={next}
          signedInAction={{
            to: next ?? home?.to ?? `${base}/ticket`,
            label: next ? t('actions.continue') : home ? t(`tools.${home.tool}`) : t('actions.myTicket'),
          }}
        />
        <aside className="pa-register__aside" aria-labelledby="access-aside-title">
          <h2 id="access-aside-title" className="pa-aside__title">
            {t('access.aside.title')}
          </h2>
          <p>{t('access.aside.text')}</p>
          <p className="pa-aside__more">
            {t('access.aside.notRegistered')} <Link to={`${base}/register`}>{t('actions.register')}</Link>
          </p>
        </aside>
      </div>
    </div>
  );
}
