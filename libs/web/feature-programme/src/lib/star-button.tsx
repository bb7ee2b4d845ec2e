import type { Session } from '@plenary/contracts';
import { useMe, useMyAgenda, useSetSessionStar } from '@plenary/web-data-access';
import { classNames } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

function StarIcon({ filled }: { filled: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="pl-icon"
    >
      <path d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z" />
    </svg>
  );
}

/** Whether a session is starred, for people who keep an agenda (null: they cannot, or it is not known yet). */
export function useIsStarred(slug: string, sessionId: string): boolean | null {
  const me = useMe();
  const agenda = useMyAgenda(slug, { enabled: Boolean(me.data) });
  if (!agenda.data) return null;
  return agenda.data.sessions.some((session) => session.id === sessionId);
}

/**
 * The star of a session: a toggle button (`aria-pressed`) that adds it to or removes it from my agenda. Shown only
 * to people who keep an agenda (registered and approved, or of the event's team).
 */
export function StarButton({ session, compact = false }: { session: Session; compact?: boolean }) {
  const { t } = useProgrammeTranslation();
  const starred = useIsStarred(session.eventSlug, session.id);
  const mutation = useSetSessionStar(session.eventSlug);
  if (starred === null) return null;
  return (
    <span className="pp-star">
      <button
        type="button"
        className={classNames(
          'pp-star__button',
          starred && 'pp-star__button--on',
          compact && 'pp-star__button--compact',
        )}
        aria-pressed={starred}
        // Icon only: the label names the session. With its words, the name starts with them (WCAG 2.5.3).
        aria-label={compact ? t('agenda.star.label', { title: session.title }) : undefined}
        onClick={() => mutation.mutate({ session, starred: !starred })}
      >
        <StarIcon filled={starred} />
        {!compact && (
          <>
            <span>{starred ? t('agenda.star.remove') : t('agenda.star.add')}</span>
            <span className="pl-visually-hidden">
              {t('agenda.star.titleSuffix', { title: session.title })}
            </span>
          </>
        )}
      </button>
      {mutation.isError && (
        <span role="alert" className="pp-star__error">
          {t('agenda.star.error')}
        </span>
      )}
    </span>
  );
}
