import type { EventDetail } from '@plenary/contracts';
import { BackLink, PageHeader } from '@plenary/web-ui';
import { useAccessTranslation } from './access-i18n';
import { PageLoading } from './page-loading';
import { useAccessDocumentTitle, useRouteEvent } from './use-route-event';

/** `/e/:slug/privacy`: the short privacy notice the registration form asks people to accept. */
export function PrivacyNoticePage() {
  const event = useRouteEvent();
  const { t } = useAccessTranslation();
  if (!event) return <PageLoading label={t('loading.page')} />;
  return <PrivacyNotice event={event} />;
}

const SECTIONS = ['who', 'what', 'why', 'who-sees', 'how-long', 'rights'] as const;

function PrivacyNotice({ event }: { event: EventDetail }) {
  const { t } = useAccessTranslation();
  useAccessDocumentTitle(t('privacy.documentTitle'), event);
  const values = { organiser: event.organiser.name, event: event.name };
  return (
    <div className="pl-container pa-page">
      <PageHeader
        before={<BackLink to={`/e/${event.slug}/register`}>{t('privacy.back')}</BackLink>}
        eyebrow={event.tagline ?? event.name}
        title={t('privacy.title')}
        lead={t('privacy.lead', values)}
      />
      <div className="pa-prose">
        {SECTIONS.map((section) => (
          <section key={section} aria-labelledby={`privacy-${section}`}>
            <h2 id={`privacy-${section}`}>{t(`privacy.sections.${section}.title`)}</h2>
            <p>{t(`privacy.sections.${section}.text`, values)}</p>
          </section>
        ))}
        {event.contactEmail && (
          <p>
            {t('privacy.contact')} <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
          </p>
        )}
      </div>
    </div>
  );
}
