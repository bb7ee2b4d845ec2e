import { engagementExportUrl } from '@plenary/web-data-access';
import { useLiveTranslation } from './live-i18n';

/**
 * The console's exports: the session's questions and poll results as CSV (spreadsheets) or JSON, downloaded with
 * the moderator's own sign-in. Plain links: they work whatever the live connection's state.
 */
export function EngagementExportCard({ slug, sessionId }: { slug: string; sessionId: string }) {
  const { t } = useLiveTranslation();
  return (
    <section className="lv-console__card" aria-labelledby="lv-console-export">
      <h2 id="lv-console-export" className="lv-console__title">
        {t('moderate.export.title')}
      </h2>
      <p className="lv-console__hint">{t('moderate.export.hint')}</p>
      <div className="lv-console__exports">
        <a
          className="pl-button pl-button--secondary pl-button--md"
          href={engagementExportUrl(slug, sessionId, 'csv')}
          download
        >
          {t('moderate.export.csv')}
        </a>
        <a
          className="pl-button pl-button--secondary pl-button--md"
          href={engagementExportUrl(slug, sessionId, 'json')}
          download
        >
          {t('moderate.export.json')}
        </a>
      </div>
    </section>
  );
}
