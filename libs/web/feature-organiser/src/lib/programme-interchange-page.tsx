import { useOrganiserTranslation } from './organiser-i18n';
import { OrganiserShell } from './organiser-page';
import { ProgrammeInterchangePanel } from './programme-interchange-panel';

/** `/e/:slug/organiser/import`: import a schedule file with a preview, and export the programme. */
export function ProgrammeInterchangePage() {
  const { t } = useOrganiserTranslation();
  return (
    <OrganiserShell title={t('interchange.title')} lead={t('interchange.lead')} path="organiser/import">
      {(event) => <ProgrammeInterchangePanel eventSlug={event.slug} />}
    </OrganiserShell>
  );
}
