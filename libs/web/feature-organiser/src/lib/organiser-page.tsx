import type { EventDetail } from '@plenary/contracts';
import { findMembership, useEvent, useMe } from '@plenary/web-data-access';
import {
  Container,
  LinkButton,
  LoadingState,
  Notice,
  PageHeader,
  Skeleton,
  useDocumentTitle,
} from '@plenary/web-ui';
import { useParams } from 'react-router';
import { useOrganiserTranslation } from './organiser-i18n';
import { RegistrationsConsole } from './registrations-console';

/** `/e/:slug/organiser`: the organisers' console for the event's registrations and settings. */
export function OrganiserPage() {
  const { slug = '' } = useParams();
  const { t } = useOrganiserTranslation();
  // The programme's event layout has loaded (or explained the absence of) the event; this reads its cache.
  const event = useEvent(slug).data;
  const me = useMe();
  useDocumentTitle(
    event ? t('documentTitle', { page: t('title'), event: event.tagline ?? event.name }) : undefined,
  );

  if (!event || me.isPending) {
    return (
      <Container className="po-page">
        <LoadingState label={t('loading')}>
          <div className="po-skeleton-stack">
            <Skeleton width="10rem" />
            <Skeleton width="min(28rem, 80%)" height="2.25rem" />
            <Skeleton shape="block" width="100%" height="10rem" />
          </div>
        </LoadingState>
      </Container>
    );
  }

  return (
    <div className="pl-container po-page">
      <PageHeader
        eyebrow={event.tagline ?? event.name}
        title={t('title')}
        lead={t('lead')}
        actions={
          // The check-in feature's page (devices, conflicts), linked by path: features do not import each other.
          <LinkButton to={`/e/${event.slug}/organiser/checkin`} variant="secondary">
            {t('checkinLink')}
          </LinkButton>
        }
      />
      <OrganiserGate event={event} />
    </div>
  );
}

function OrganiserGate({ event }: { event: EventDetail }) {
  const { t } = useOrganiserTranslation();
  const me = useMe();
  const base = `/e/${event.slug}`;
  if (!me.data) {
    return (
      <Notice
        title={t('gate.signedOut.title')}
        actions={
          <LinkButton to={`${base}/access?next=${encodeURIComponent(`${base}/organiser`)}`}>
            {t('actions.signIn')}
          </LinkButton>
        }
      >
        <p>{t('gate.signedOut.message')}</p>
      </Notice>
    );
  }
  if (!findMembership(me.data, event.slug)?.roles.includes('organiser')) {
    return (
      <Notice
        tone="warning"
        title={t('errors.forbidden.title')}
        actions={
          <LinkButton to={base} variant="secondary">
            {t('actions.backToEvent')}
          </LinkButton>
        }
      >
        <p>{t('errors.forbidden.message')}</p>
      </Notice>
    );
  }
  return <RegistrationsConsole eventSlug={event.slug} />;
}
