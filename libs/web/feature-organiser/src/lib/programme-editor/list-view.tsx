import type { ManagedSession, ProgrammeWarning } from '@plenary/contracts';
import { Badge, EmptyState } from '@plenary/web-ui';
import { useOrganiserTranslation } from '../organiser-i18n';
import { datePart, timePart } from './wall-clock';

export interface ListViewProps {
  sessions: readonly ManagedSession[];
  warnings: readonly ProgrammeWarning[];
  formatDay: (day: string) => string;
  onOpen: (session: ManagedSession) => void;
}

/** Every session sorted by time, grouped by day: the editor's view on a phone, and a check of the whole. */
export function ListView({ sessions, warnings, formatDay, onOpen }: ListViewProps) {
  const { t } = useOrganiserTranslation();
  if (sessions.length === 0) {
    return (
      <EmptyState
        headingLevel={3}
        title={t('editor.list.emptyTitle')}
        message={t('editor.list.emptyMessage')}
      />
    );
  }
  const sorted = [...sessions].sort(
    (a, b) => a.startsLocal.localeCompare(b.startsLocal) || (a.room ?? '').localeCompare(b.room ?? ''),
  );
  const days = [...new Set(sorted.map((session) => datePart(session.startsLocal)))];
  return (
    <div className="pe-list">
      {days.map((day) => (
        <section key={day} className="pe-list__day" aria-labelledby={`pe-list-${day}`}>
          <h3 id={`pe-list-${day}`} className="pe-list__heading">
            {formatDay(day)}
          </h3>
          <ul className="pe-list__items">
            {sorted
              .filter((session) => datePart(session.startsLocal) === day)
              .map((session) => {
                const concerns = warnings.filter((warning) => warning.sessionIds.includes(session.id));
                return (
                  <li key={session.id} className="pe-list__item">
                    <span className="pe-list__time">
                      {timePart(session.startsLocal)}–{timePart(session.endsLocal)}
                    </span>
                    <div className="pe-list__main">
                      <button type="button" className="pe-link-button" onClick={() => onOpen(session)}>
                        {session.title}
                      </button>
                      <span className="pe-list__meta">
                        {t(`editor.kinds.${session.kind}`)} · {session.room ?? t('editor.session.noRoom')}
                        {session.speakers.length > 0 &&
                          ` · ${session.speakers.map((link) => link.speaker.name).join(', ')}`}
                      </span>
                      {concerns.length > 0 && (
                        <ul className="pe-list__warnings">
                          {concerns.map((warning) => (
                            <li
                              key={`${warning.code}-${warning.sessionIds.join()}-${warning.speakerId ?? ''}`}
                            >
                              {warning.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                    <span className="pe-list__badges">
                      {session.cancelled && <Badge tone="muted">{t('editor.list.cancelled')}</Badge>}
                      {session.visibility === 'registered' && (
                        <Badge tone="navy">{t('editor.visibility.registered')}</Badge>
                      )}
                      {concerns.length > 0 && <Badge tone="accent">{t('editor.list.warning')}</Badge>}
                    </span>
                  </li>
                );
              })}
          </ul>
        </section>
      ))}
    </div>
  );
}
