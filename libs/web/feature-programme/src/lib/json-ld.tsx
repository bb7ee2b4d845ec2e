import type { EventDetail, EventFormat, Session, Speaker } from '@plenary/contracts';

/** A schema.org object (JSON-LD); plain JSON values only. */
export type JsonLdValue = string | number | boolean | null | JsonLdValue[] | { [key: string]: JsonLdValue };
export type JsonLdObject = { [key: string]: JsonLdValue };

const ATTENDANCE_MODES: Record<EventFormat, string> = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};

/** An instant as ISO 8601 with the offset it has in `timeZone` (e.g. `2021-10-19T09:30:00+02:00`). */
export function toOffsetDateTime(instant: string, timeZone: string): string {
  const date = new Date(instant);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  // "GMT+02:00", or "GMT" for a zero offset.
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
}

const absolute = (url: string, origin: string): string => new URL(url, origin).href;

function performerOf(speaker: Speaker): JsonLdObject {
  return {
    '@type': 'Person',
    name: [speaker.honorific, speaker.name].filter(Boolean).join(' '),
    ...(speaker.title ? { jobTitle: speaker.title } : {}),
    ...(speaker.organisation ? { affiliation: { '@type': 'Organization', name: speaker.organisation } } : {}),
  };
}

function locationOf(event: EventDetail, pageUrl: string, room: string | null): JsonLdValue {
  const place: JsonLdObject = {
    '@type': 'Place',
    name: room ? `${room}, ${event.venue.name}` : event.venue.name,
    address: {
      '@type': 'PostalAddress',
      ...(event.venue.address ? { streetAddress: event.venue.address } : {}),
      addressLocality: event.venue.city,
      addressCountry: event.venue.country,
    },
  };
  const virtual: JsonLdObject = { '@type': 'VirtualLocation', url: pageUrl };
  if (event.format === 'in_person') return place;
  if (event.format === 'online') return virtual;
  return [place, virtual];
}

function common(event: EventDetail, origin: string): JsonLdObject {
  return {
    eventAttendanceMode: ATTENDANCE_MODES[event.format],
    organizer: {
      '@type': 'Organization',
      name: event.organiser.name,
      ...(event.organiser.url ? { url: event.organiser.url } : {}),
    },
    ...(event.logoUrl ? { image: absolute(event.logoUrl, origin) } : {}),
    inLanguage: event.languages[0] ?? 'en',
  };
}

/** The event page's schema.org `Event`: from its first session's start to its last session's end, with offsets. */
export function eventJsonLd(event: EventDetail, origin: string): JsonLdObject {
  const url = absolute(`/e/${event.slug}`, origin);
  const sessions = event.days.flatMap((day) => day.sessions);
  const starts = sessions.map((session) => session.startsAt).sort();
  const ends = sessions.map((session) => session.endsAt).sort();
  const first = starts[0];
  const last = ends[ends.length - 1];
  const performers = new Map<string, Speaker>();
  for (const session of sessions)
    for (const { speaker } of session.speakers) performers.set(speaker.id, speaker);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.name,
    ...(event.description ? { description: event.description } : {}),
    url,
    startDate: first ? toOffsetDateTime(first, event.timeZone) : event.startDate,
    endDate: last ? toOffsetDateTime(last, event.timeZone) : event.endDate,
    eventStatus: 'https://schema.org/EventScheduled',
    location: locationOf(event, url, null),
    ...common(event, origin),
    performer: [...performers.values()].map(performerOf),
  };
}

/** A session page's schema.org `Event`, part of the event (`superEvent`). */
export function sessionJsonLd(event: EventDetail, session: Session, origin: string): JsonLdObject {
  const url = absolute(`/e/${event.slug}/sessions/${session.id}`, origin);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: session.title,
    ...(session.abstract ? { description: session.abstract } : {}),
    url,
    startDate: toOffsetDateTime(session.startsAt, event.timeZone),
    endDate: toOffsetDateTime(session.endsAt, event.timeZone),
    eventStatus: session.cancelled
      ? 'https://schema.org/EventCancelled'
      : 'https://schema.org/EventScheduled',
    location: locationOf(event, url, session.room),
    ...common(event, origin),
    performer: session.speakers.map(({ speaker }) => performerOf(speaker)),
    superEvent: { '@type': 'Event', name: event.name, url: absolute(`/e/${event.slug}`, origin) },
  };
}

/**
 * JSON for inside a `<script>` element: `<`, `>` and `&` as Unicode escapes (so `</script>` or `<!--` in a title
 * cannot end the element or open a comment), and the two line separators JavaScript once refused.
 */
export function serializeJsonLd(data: JsonLdObject): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Renders schema.org data for search engines and link previews, as the text of the script element (no HTML sink;
 * the serialisation has no `<`, `>` or `&` left, so the text is the same whether or not anything escapes it).
 */
export function JsonLd({ data }: { data: JsonLdObject }) {
  return <script type="application/ld+json">{serializeJsonLd(data)}</script>;
}
