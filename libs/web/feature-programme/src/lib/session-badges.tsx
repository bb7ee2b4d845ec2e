import type { Session } from '@plenary/contracts';
import { Badge, SessionKindBadge, SessionStateBadge } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

/** Kind, "Cancelled" when it is, and (unless merely scheduled) state of a session. */
export function SessionBadges({
  session,
}: {
  session: Pick<Session, 'kind' | 'state'> & Partial<Pick<Session, 'cancelled'>>;
}) {
  const { t } = useProgrammeTranslation();
  return (
    <div className="pp-badges">
      <SessionKindBadge kind={session.kind}>{t(`kind.${session.kind}`)}</SessionKindBadge>
      {session.cancelled ? (
        <Badge tone="live">{t('cancelled')}</Badge>
      ) : (
        <SessionStateBadge state={session.state}>{t(`state.${session.state}`)}</SessionStateBadge>
      )}
    </div>
  );
}
