import type { ManagedSession, ProgrammeWarning } from '@plenary/contracts';
import { Notice } from '@plenary/web-ui';
import { useOrganiserTranslation } from '../organiser-i18n';

export interface WarningsSummaryProps {
  warnings: readonly ProgrammeWarning[];
  sessions: readonly ManagedSession[];
  onOpen: (session: ManagedSession) => void;
}

/** The programme's checks (double bookings, sessions outside the event): they help, they never block a save. */
export function WarningsSummary({ warnings, sessions, onOpen }: WarningsSummaryProps) {
  const { t } = useOrganiserTranslation();
  if (warnings.length === 0) {
    return (
      <p className="pe-checks-ok" role="status">
        {t('editor.warnings.none')}
      </p>
    );
  }
  return (
    <section aria-labelledby="pe-warnings-title">
      <Notice
        tone="warning"
        title={<span id="pe-warnings-title">{t('editor.warnings.title', { count: warnings.length })}</span>}
      >
        <p>{t('editor.warnings.lead')}</p>
        <ul className="pe-warnings">
          {warnings.map((warning) => (
            <li
              key={`${warning.code}-${warning.sessionIds.join()}-${warning.roomId ?? ''}-${warning.speakerId ?? ''}`}
            >
              <span>{warning.message}</span>{' '}
              <span className="pe-warnings__links">
                {warning.sessionIds.flatMap((id) => {
                  const session = sessions.find((candidate) => candidate.id === id);
                  return session
                    ? [
                        <button
                          key={id}
                          type="button"
                          className="pe-link-button"
                          onClick={() => onOpen(session)}
                        >
                          {t('editor.warnings.open', { title: session.title })}
                        </button>,
                      ]
                    : [];
                })}
              </span>
            </li>
          ))}
        </ul>
      </Notice>
    </section>
  );
}
