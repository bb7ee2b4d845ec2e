import type { EventDetail } from '@plenary/contracts';
import {
  ArrowRightIcon,
  CalendarIcon,
  EmptyState,
  HemicycleMotif,
  LinkButton,
  LocationIcon,
  OrganiserIcon,
  RenderedMarkdown,
  SpeakerCard,
} from '@plenary/web-ui';
import { eventCalendarPath } from '@plenary/web-data-access';
import { Link } from 'react-router';
import { useEventContext } from './event-context';
import { EventPageSections } from './event-page-sections';
import { formatEventPlace } from './event-labels';
import { JsonLd, eventJsonLd } from './json-ld';
import {
  formatClockTime,
  formatDateRange,
  formatDayLabel,
  formatZoneCity,
  formatZoneName,
} from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';
import { useEventDocumentTitle } from './use-event-document-title';
import { VenueSection } from './venue-section';
import { RoleActions, useEventRoleLinks } from './role-links';

const SPEAKER_STRIP_MAX = 9;

/** Paragraphs of a description's Markdown source (blank lines separate them). */
function toParagraphs(text: string | null): string[] {
  return (text ?? '')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}

/** A Markdown paragraph as plain text for the hero's lead: emphasis marks dropped, links as their text. */
function plainLead(paragraph: string | undefined): string | undefined {
  return paragraph
    ?.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*|__|[*_`]/g, '')
    .replace(/^#+\s*/, '');
}

/** The rendered description without its first paragraph (the hero's lead), or all of it when it has one only. */
function aboutHtml(html: string | null): string | null {
  if (!html) return null;
  const rest = html.replace(/^<p>[\s\S]*?<\/p>\n?/, '');
  return rest.trim() === '' ? html : rest;
}

/** `/e/:slug`: what the event is, when and where, who speaks, and how to register or get in. */
export function EventHomePage() {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  useEventDocumentTitle(t('home.documentTitle'));
  const lead = plainLead(toParagraphs(event.description)[0]);
  const about = aboutHtml(event.descriptionHtml);
  const sessionCount = event.days.reduce((count, day) => count + day.sessions.length, 0);

  return (
    <>
      {event.status !== 'draft' && <JsonLd data={eventJsonLd(event, window.location.origin)} />}
      <EventHero event={event} lead={lead} />
      <div className="pl-container pp-page">
        <div className="pp-home-grid">
          {/* A new event may have no description yet: no "About" heading over nothing. */}
          {(about || lead) && (
            <section className="pp-section pp-prose" aria-labelledby="about-title">
              <h2 id="about-title" className="pp-section__title">
                {t('home.aboutTitle')}
              </h2>
              {about ? <RenderedMarkdown html={about} /> : <p>{lead}</p>}
            </section>
          )}
          <aside className="pp-glance" aria-labelledby="glance-title">
            <h2 id="glance-title" className="pp-glance__title">
              {t('home.glanceTitle')}
            </h2>
            <dl className="pp-glance__list">
              <div>
                <dt>{t('home.glance.days')}</dt>
                <dd>{t('home.glance.daysValue', { count: event.days.length })}</dd>
              </div>
              <div>
                <dt>{t('home.glance.sessions')}</dt>
                <dd>{t('home.glance.sessionsValue', { count: sessionCount })}</dd>
              </div>
              <div>
                <dt>{t('home.glance.speakers')}</dt>
                <dd>{t('home.glance.speakersValue', { count: event.speakers.length })}</dd>
              </div>
              <div>
                <dt>{t('home.glance.timeZone')}</dt>
                <dd>
                  {t('time.eventZoneLabel', { city: formatZoneCity(event.timeZone) })} (
                  {formatZoneName(`${event.startDate}T12:00:00Z`, event.timeZone, locale)})
                </dd>
              </div>
              {event.contactEmail && (
                <div>
                  <dt>{t('home.glance.contact')}</dt>
                  <dd>
                    <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
                  </dd>
                </div>
              )}
            </dl>
          </aside>
        </div>

        <SpeakerStrip event={event} />
        <ProgrammePreview event={event} />
        <VenueSection event={event} />
        <EventPageSections event={event} />
      </div>
    </>
  );
}

function EventHero({ event, lead }: { event: EventDetail; lead: string | undefined }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const base = `/e/${event.slug}`;
  const { links } = useEventRoleLinks(event);
  return (
    <section className="pp-hero pl-on-dark" aria-labelledby="event-title">
      <div className="pl-container pp-hero__inner">
        <HemicycleMotif className="pp-hero__motif" />
        {event.tagline && <p className="pl-eyebrow">{event.tagline}</p>}
        <h1 id="event-title" className="pp-hero__title">
          {event.name}
        </h1>
        {lead && <p className="pp-hero__lead">{lead}</p>}
        <ul className="pp-hero__facts">
          <li>
            <CalendarIcon />
            <span>
              <span className="pl-visually-hidden">{t('home.datesLabel')}: </span>
              <time dateTime={event.startDate}>
                {formatDateRange(event.startDate, event.endDate, locale)}
              </time>
            </span>
          </li>
          <li>
            <LocationIcon />
            <span>
              <span className="pl-visually-hidden">{t('home.placeLabel')}: </span>
              {formatEventPlace(event, t)}
            </span>
          </li>
          {event.organiser.name.trim() !== '' && (
            <li>
              <OrganiserIcon />
              <span>
                {t('home.organisedBy')}{' '}
                {event.organiser.url ? (
                  <a href={event.organiser.url} rel="noopener noreferrer" className="pp-hero__link">
                    {event.organiser.name}
                  </a>
                ) : (
                  event.organiser.name
                )}
              </span>
            </li>
          )}
        </ul>
        {/* Someone with a role or a registration gets their tools; everyone else registers or signs in. */}
        {links.length > 0 ? (
          <RoleActions event={event} size="lg" />
        ) : (
          <div className="pp-hero__actions">
            <LinkButton to={`${base}/register`} size="lg" trailingIcon={<ArrowRightIcon />}>
              {t('actions.register')}
            </LinkButton>
            <LinkButton to={`${base}/access`} size="lg" variant="secondary">
              {t('actions.access')}
            </LinkButton>
          </div>
        )}
      </div>
    </section>
  );
}

function SpeakerStrip({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  const speakers = event.speakers.slice(0, SPEAKER_STRIP_MAX);
  return (
    <section className="pp-section" aria-labelledby="home-speakers-title">
      <div className="pp-section__header">
        <h2 id="home-speakers-title" className="pp-section__title">
          {t('home.speakersTitle')}
        </h2>
        {event.speakers.length > 0 && (
          <Link to={`/e/${event.slug}/speakers`} className="pp-more-link">
            {t('home.allSpeakers', { count: event.speakers.length })}
            <ArrowRightIcon />
          </Link>
        )}
      </div>
      {speakers.length > 0 ? (
        <ul className="pp-speaker-strip">
          {speakers.map((speaker) => (
            <SpeakerCard
              key={speaker.id}
              as="li"
              name={speaker.name}
              honorific={speaker.honorific}
              title={speaker.title}
              organisation={speaker.organisation}
              country={speaker.country}
              photoUrl={speaker.photoUrl}
              photoSrcset={speaker.photo?.srcset}
            />
          ))}
        </ul>
      ) : (
        <EmptyState
          headingLevel={3}
          title={t('speakers.empty.title')}
          message={t('speakers.empty.message')}
        />
      )}
    </section>
  );
}

function ProgrammePreview({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const days = event.days.filter((day) => day.sessions.length > 0);
  return (
    <section className="pp-section" aria-labelledby="home-programme-title">
      <div className="pp-section__header">
        <h2 id="home-programme-title" className="pp-section__title">
          {t('home.programmeTitle')}
        </h2>
        {days.length > 0 && (
          <div className="pp-section__links">
            <a href={eventCalendarPath(event.slug)} className="pp-more-link" download>
              <CalendarIcon />
              {t('agenda.download.programme')}
            </a>
            <Link to={`/e/${event.slug}/programme`} className="pp-more-link">
              {t('home.fullProgramme')}
              <ArrowRightIcon />
            </Link>
          </div>
        )}
      </div>
      {days.length > 0 ? (
        <div className="pp-preview">
          {days.map((day, index) => (
            <section key={day.date} className="pp-preview__day" aria-labelledby={`preview-${day.date}`}>
              <h3 id={`preview-${day.date}`} className="pp-preview__day-title">
                <span className="pp-preview__day-number">
                  {t('programme.dayNumber', { number: index + 1 })}
                </span>
                <time dateTime={day.date}>{formatDayLabel(day.date, locale)}</time>
              </h3>
              <ol className="pp-preview__list">
                {day.sessions.map((session) => (
                  <li key={session.id} className="pp-preview__item">
                    <time dateTime={session.startsAt} className="pp-preview__time">
                      {formatClockTime(session.startsAt, event.timeZone, locale)}
                    </time>
                    <span className="pp-preview__kind">{t(`kind.${session.kind}`)}</span>
                    <Link to={`/e/${event.slug}/sessions/${session.id}`} className="pp-preview__link">
                      {session.title}
                    </Link>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </div>
      ) : (
        <EmptyState
          headingLevel={3}
          title={t('programme.empty.title')}
          message={t('programme.empty.message')}
        />
      )}
    </section>
  );
}
