import type { Session } from '@plenary/contracts';
import { SessionKindBadge, SessionStateBadge } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

/** Kind and (unless merely scheduled) state of a session. */
export function SessionBadges({ session }: { session: Pick<Session, 'kind' | 'state'> }) {
  const { t } = useProgrammeTranslation();
  return (
    <div className="pp-badges">
      <SessionKindBadge kind={session.kind}>{t(`kind.${session.kind}`)}</SessionKindBadge>
      <SessionStateBadge state={session.state}>{t(`state.${session.state}`)}</SessionStateBadge>
    </div>
  );
}
