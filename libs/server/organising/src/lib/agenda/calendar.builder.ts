import { renderMarkdown, type EventEntity, type SessionEntity } from '@plenary/server-programme';
import ICAL from 'ical.js';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/** Who reads the file: a `registered` session's abstract only for registered people and the team. */
export interface CalendarView {
  registered: boolean;
}

export interface CalendarOptions {
  /** The origin people open (`PUBLIC_URL`); session links and `UID`s are built from it. */
  publicUrl: string;
  /** The calendar's name (`NAME`, `X-WR-CALNAME`). */
  name: string;
  view: CalendarView;
  /** Suggested refresh interval for subscriptions (RFC 7986 `REFRESH-INTERVAL`), in minutes; none for downloads. */
  refreshMinutes?: number;
}

const PRODUCT_ID = '-//Plenary//Plenary calendar//EN';

/** The page of a session: the gated page where people join, never a media token. */
export function sessionPageUrl(
  publicUrl: string,
  event: Pick<EventEntity, 'slug'>,
  sessionId: string,
): string {
  return `${publicUrl.replace(/\/+$/, '')}/e/${encodeURIComponent(event.slug)}/sessions/${sessionId}`;
}

/** Markdown source as plain text for `DESCRIPTION`: rendered, tags dropped, entities decoded. */
export function markdownToPlainText(source: string): string {
  const html = renderMarkdown(source) ?? '';
  return html
    .replace(/<\/(p|li|h[1-6]|blockquote|pre)>/g, '\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<li>/g, '- ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The `VTIMEZONE` of an IANA zone (timezones-ical-library), or null when the library does not know it. */
function vtimezoneOf(timeZone: string): ICAL.Component | null {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return null;
  const block = tzlib_get_ical_block(timeZone)[0];
  if (!block || !block.startsWith('BEGIN:VTIMEZONE')) return null;
  return ICAL.Component.fromString(block);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  isDate: false;
}

/** Wall-clock fields of an instant in `timeZone`. */
function wallClock(instant: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? '0');
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    isDate: false,
  };
}

function utcTime(instant: Date): ICAL.Time {
  // Whole seconds: iCalendar has no fractions.
  return ICAL.Time.fromJSDate(new Date(Math.floor(instant.getTime() / 1000) * 1000), true);
}

function addTime(
  vevent: ICAL.Component,
  name: 'dtstart' | 'dtend',
  instant: Date,
  zone: { id: string; timezone: ICAL.Timezone } | null,
): void {
  if (!zone) {
    vevent.addPropertyWithValue(name, utcTime(instant));
    return;
  }
  const property = vevent.addPropertyWithValue(
    name,
    ICAL.Time.fromData(wallClock(instant, zone.id), zone.timezone),
  );
  property.setParameter('tzid', zone.id);
}

function locationOf(event: EventEntity, session: SessionEntity): string | null {
  const room = session.room?.name ?? null;
  if (event.format === 'online') return room;
  const venue = [event.venueName, event.venueAddress, event.venueCity].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return [room, ...venue].filter((part) => part !== null).join(', ') || null;
}

function descriptionOf(session: SessionEntity, view: CalendarView, url: string): string {
  const parts: string[] = [];
  const showAbstract = session.visibility === 'public' || view.registered;
  if (showAbstract && session.abstract) parts.push(markdownToPlainText(session.abstract));
  const speakers = [...(session.speakers ?? [])]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .flatMap((link) => (link.speaker ? [link.speaker] : []));
  if (speakers.length > 0)
    parts.push(
      speakers
        .map((speaker) => {
          const name = [speaker.honorific, speaker.name].filter(Boolean).join(' ');
          const role = [speaker.title, speaker.organisation].filter(Boolean).join(', ');
          return role ? `${name} (${role})` : name;
        })
        .join('\n'),
    );
  parts.push(url);
  return parts.join('\n\n');
}

/** Whether people can follow the session online: the event is not in person only, and its room has video. */
function joinableOnline(event: EventEntity, session: SessionEntity): boolean {
  if (event.format === 'in_person') return false;
  return session.room?.videoMode !== 'in_room';
}

/**
 * An iCalendar (RFC 5545) file of sessions of one event, built with ical.js (escaping and line folding are its):
 * one `VTIMEZONE` of the event's zone and `DTSTART`/`DTEND` as wall-clock times in it, so a calendar keeps them
 * across a daylight-saving change; a stable `UID` per session; `SEQUENCE` from the session's calendar changes;
 * `STATUS:CANCELLED` for cancelled sessions; `URL` and RFC 7986 `CONFERENCE` pointing at the session's (gated) page.
 * `DTSTAMP` and `LAST-MODIFIED` are the session's last change, so the same programme always gives the same bytes
 * (and the same ETag).
 */
export function buildCalendar(
  event: EventEntity,
  sessions: SessionEntity[],
  options: CalendarOptions,
): string {
  const host = new URL(options.publicUrl).host;
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', PRODUCT_ID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('name', options.name);
  calendar.addPropertyWithValue('x-wr-calname', options.name);
  calendar.addPropertyWithValue('x-wr-timezone', event.timeZone);
  if (options.refreshMinutes !== undefined) {
    const refresh = calendar.addPropertyWithValue(
      'refresh-interval',
      ICAL.Duration.fromSeconds(options.refreshMinutes * 60),
    );
    refresh.setParameter('value', 'DURATION');
    calendar.addPropertyWithValue(
      'x-published-ttl',
      ICAL.Duration.fromSeconds(options.refreshMinutes * 60).toString(),
    );
  }
  const vtimezone = vtimezoneOf(event.timeZone);
  const zone = vtimezone ? { id: event.timeZone, timezone: new ICAL.Timezone(vtimezone) } : null;
  if (vtimezone) calendar.addSubcomponent(vtimezone);

  for (const session of sessions) {
    const url = sessionPageUrl(options.publicUrl, event, session.id);
    const vevent = new ICAL.Component('vevent');
    vevent.addPropertyWithValue('uid', `${session.id}@${host}`);
    vevent.addPropertyWithValue('dtstamp', utcTime(session.updatedAt));
    vevent.addPropertyWithValue('last-modified', utcTime(session.updatedAt));
    vevent.addPropertyWithValue('created', utcTime(session.createdAt));
    vevent.addPropertyWithValue('sequence', session.icalSequence);
    addTime(vevent, 'dtstart', session.startsAt, zone);
    addTime(vevent, 'dtend', session.endsAt, zone);
    vevent.addPropertyWithValue('summary', session.title);
    vevent.addPropertyWithValue('description', descriptionOf(session, options.view, url));
    const location = locationOf(event, session);
    if (location) vevent.addPropertyWithValue('location', location);
    vevent.addPropertyWithValue('status', session.cancelled ? 'CANCELLED' : 'CONFIRMED');
    vevent.addPropertyWithValue('transp', 'OPAQUE');
    vevent.addPropertyWithValue('categories', session.kind.toUpperCase());
    vevent.addPropertyWithValue('url', url).setParameter('value', 'URI');
    if (joinableOnline(event, session)) {
      const conference = vevent.addPropertyWithValue('conference', url);
      conference.setParameter('value', 'URI');
      conference.setParameter('feature', 'VIDEO');
      conference.setParameter('label', 'Session page (sign-in required)');
    }
    calendar.addSubcomponent(vevent);
  }
  return `${calendar.toString()}\r\n`;
}
