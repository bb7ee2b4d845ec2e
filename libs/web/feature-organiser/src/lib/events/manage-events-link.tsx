import { useMe } from '@plenary/web-data-access';
import { Link } from 'react-router';
import { useOrganiserTranslation } from '../organiser-i18n';
import { mayManageEvents } from './manage-gate';

/** "Your events" in the site header, for administrators and organisers of anything. */
export function ManageEventsLink() {
  const { t } = useOrganiserTranslation();
  const me = useMe();
  if (!mayManageEvents(me.data)) return null;
  return (
    <Link to="/manage" className="po-header-manage">
      {t('events.manage.headerLink')}
    </Link>
  );
}
