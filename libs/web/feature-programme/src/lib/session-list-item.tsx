import type { Session } from '@plenary/contracts';
import { RoomIcon, classNames } from '@plenary/web-ui';
import { Link } from 'react-router';
import { useProgrammeTranslation } from './programme-i18n';
import { SessionBadges } from './session-badges';
import { SessionChangeNotice } from './session-change-notice';
import { sortSessionSpeakers } from './session-speakers';
import { SessionTimesCompact } from './session-times';
import { StarButton } from './star-button';

export interface SessionListItemProps {
  session: Session;
  eventTimeZone: string;
  /** Heading level of the title: 3 under a day heading. */
  headingLevel?: 2 | 3;
}

/** One session in the programme: times, badges, title (linking to the session), room and speakers. */
export function SessionListItem({ session, eventTimeZone, headingLevel = 3 }: SessionListItemProps) {
  const { t } = useProgrammeTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const speakers = sortSessionSpeakers(session.speakers);
  return (
    <li
      className={classNames(
        'pp-session',
        session.state === 'live' && !session.cancelled && 'pp-session--live',
        session.cancelled && 'pp-session--cancelled',
      )}
    >
      <SessionTimesCompact session={session} eventTimeZone={eventTimeZone} />
      <div className="pp-session__body">
        <div className="pp-session__top">
          <SessionBadges session={session} />
          <StarButton session={session} compact />
        </div>
        <SessionChangeNotice session={session} eventTimeZone={eventTimeZone} />
        <Heading className="pp-session__title">
          <Link to={`/e/${session.eventSlug}/sessions/${session.id}`} className="pp-session__link">
            {session.title}
          </Link>
        </Heading>
        {session.room && (
          <p className="pp-meta">
            <RoomIcon />
            <span>
              <span className="pl-visually-hidden">{t('session.roomLabel')}: </span>
              {session.room}
            </span>
          </p>
        )}
        {speakers.length > 0 && (
          <ul className="pp-session__speakers" aria-label={t('session.speakersLabel')}>
            {speakers.map(({ role, speaker }) => (
              <li key={`${role}-${speaker.id}`}>
                <span className="pp-session__speaker-name">
                  {speaker.honorific && `${speaker.honorific} `}
                  {speaker.name}
                </span>
                <span className="pp-session__speaker-role">{t(`role.${role}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
