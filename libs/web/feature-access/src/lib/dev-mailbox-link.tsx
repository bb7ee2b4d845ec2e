import { useOutboxAvailable } from '@plenary/web-data-access';
import { Link } from 'react-router';
import { useAccessTranslation } from './access-i18n';

/** A link to the development mailbox, shown only where the server has one (never in production). */
export function DevMailboxLink({ className }: { className?: string }) {
  const { t } = useAccessTranslation();
  const available = useOutboxAvailable();
  if (!available) return null;
  return (
    <Link to="/dev/mailbox" className={className}>
      {t('mailbox.footerLink')}
    </Link>
  );
}
