import { ArrowLeftIcon, Card, LinkButton, PageHeader } from '@plenary/web-ui';
import { Link } from 'react-router';
import { useEventContext } from './event-context';
import { useProgrammeTranslation } from './programme-i18n';
import { useEventDocumentTitle } from './use-event-document-title';

type ComingSoonKind = 'register' | 'access';

/** A page whose feature is being built: says so plainly and points somewhere useful. */
function ComingSoonPage({ kind }: { kind: ComingSoonKind }) {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  useEventDocumentTitle(t(`${kind}.documentTitle`));
  const base = `/e/${event.slug}`;
  return (
    <div className="pl-container pp-page">
      <PageHeader
        before={
          <Link to={base} className="pp-back-link">
            <ArrowLeftIcon />
            {t('comingSoon.back')}
          </Link>
        }
        eyebrow={event.tagline ?? event.name}
        title={t(`${kind}.title`)}
        lead={t(`${kind}.lead`, { event: event.name })}
      />
      <Card as="section" className="pp-coming-soon" aria-labelledby="coming-soon-title">
        <p className="pl-eyebrow">{t('comingSoon.eyebrow')}</p>
        <h2 id="coming-soon-title" className="pp-coming-soon__title">
          {t(`${kind}.soonTitle`)}
        </h2>
        <p>{t(`${kind}.soonMessage`)}</p>
        {event.contactEmail && (
          <p>
            {t('comingSoon.contact')} <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
          </p>
        )}
        <div className="pp-coming-soon__actions">
          <LinkButton to={`${base}/programme`}>{t('comingSoon.viewProgramme')}</LinkButton>
          {kind === 'register' ? (
            <LinkButton to={`${base}/access`} variant="secondary">
              {t('actions.access')}
            </LinkButton>
          ) : (
            <LinkButton to={`${base}/register`} variant="secondary">
              {t('access.notRegistered')}
            </LinkButton>
          )}
        </div>
      </Card>
    </div>
  );
}

/** `/e/:slug/register`: registration is being built; this page says so. */
export function RegisterPage() {
  return <ComingSoonPage kind="register" />;
}

/** `/e/:slug/access`: sign-in for registered participants is being built; this page says so. */
export function AccessPage() {
  return <ComingSoonPage kind="access" />;
}
