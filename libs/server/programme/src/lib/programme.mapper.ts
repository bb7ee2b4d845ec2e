import type { EventDetail, EventSummary, ProgrammeDay, Session, Speaker } from '@plenary/contracts';
import type { EventEntity, SessionEntity, SpeakerEntity } from './entities';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayInTimeZone(instant: Date, timeZone: string): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

export function toSpeaker(entity: SpeakerEntity): Speaker {
  return {
    id: entity.id,
    name: entity.name,
    honorific: entity.honorific,
    title: entity.title,
    organisation: entity.organisation,
    country: entity.country,
    bio: entity.bio,
    photoUrl: entity.photoUrl,
  };
}

export function toEventSummary(entity: EventEntity): EventSummary {
  return {
    id: entity.id,
    slug: entity.slug,
    name: entity.name,
    tagline: entity.tagline,
    timeZone: entity.timeZone,
    startDate: entity.startDate,
    endDate: entity.endDate,
    format: entity.format,
    venue: { name: entity.venueName, city: entity.venueCity, country: entity.venueCountry },
  };
}

export function toSession(entity: SessionEntity, event: EventEntity): Session {
  return {
    id: entity.id,
    eventSlug: event.slug,
    kind: entity.kind,
    title: entity.title,
    abstract: entity.abstract,
    startsAt: entity.startsAt.toISOString(),
    endsAt: entity.endsAt.toISOString(),
    day: dayInTimeZone(entity.startsAt, event.timeZone),
    room: entity.room,
    state: entity.state,
    speakers: (entity.speakers ?? []).flatMap((link) =>
      link.speaker ? [{ role: link.role, speaker: toSpeaker(link.speaker) }] : [],
    ),
  };
}

/** Groups sessions (already in start order) by their day in the event's time zone. */
export function groupByDay(sessions: Session[]): ProgrammeDay[] {
  const days = new Map<string, Session[]>();
  for (const session of sessions) {
    const list = days.get(session.day) ?? [];
    list.push(session);
    days.set(session.day, list);
  }
  return [...days.entries()].map(([date, list]) => ({ date, sessions: list }));
}

export function toEventDetail(
  event: EventEntity,
  sessions: SessionEntity[],
  speakers: SpeakerEntity[],
): EventDetail {
  return {
    ...toEventSummary(event),
    description: event.description,
    organiser: { name: event.organiserName, url: event.organiserUrl },
    contactEmail: event.contactEmail,
    days: groupByDay(sessions.map((session) => toSession(session, event))),
    speakers: speakers.map(toSpeaker),
  };
}
