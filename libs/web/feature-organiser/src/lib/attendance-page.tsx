import { AttendanceDashboard } from './attendance-dashboard';
import { useOrganiserTranslation } from './organiser-i18n';
import { OrganiserShell } from './organiser-page';

/** `/e/:slug/organiser/attendance`: the organisers' live picture of attendance in the room and online. */
export function AttendancePage() {
  const { t } = useOrganiserTranslation();
  return (
    <OrganiserShell title={t('attendance.title')} lead={t('attendance.lead')} path="organiser/attendance">
      {(event) => <AttendanceDashboard event={event} />}
    </OrganiserShell>
  );
}
