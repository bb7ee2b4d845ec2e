import type {
  EventBlock,
  EventDetail,
  EventSummary,
  ManagedEvent,
  ManagedEventSummary,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  Partner,
  ProgrammeDay,
  Room,
  Session,
  SessionChange,
  Speaker,
} from '@plenary/contracts';
import { speakerPhotoOf } from '@plenary/contracts';
import type {
  EventBlockEntity,
  EventEntity,
  EventPartnerEntity,
  RoomEntity,
  SessionEntity,
  SpeakerEntity,
} from './entities';
import { instantToLocal } from './text/local-time';
import { renderMarkdown } from './text/markdown';

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
  const photo = entity.photo ? speakerPhotoOf(entity.photo) : null;
  return {
    id: entity.id,
    name: entity.name,
    honorific: entity.honorific,
    title: entity.title,
    organisation: entity.organisation,
    country: entity.country,
    bio: entity.bio,
    bioHtml: renderMarkdown(entity.bio),
    photoUrl: photo?.url ?? entity.photoUrl,
    photo,
  };
}

export function toManagedSpeaker(entity: SpeakerEntity): ManagedSpeaker {
  return {
    ...toSpeaker(entity),
    externalId: entity.externalId,
    order: entity.sortOrder,
    version: entity.version,
  };
}

export function toRoom(entity: RoomEntity): Room {
  return { id: entity.id, name: entity.name, videoMode: entity.videoMode };
}

export function toManagedRoom(entity: RoomEntity): ManagedRoom {
  return {
    id: entity.id,
    name: entity.name,
    capacity: entity.capacity,
    videoMode: entity.videoMode,
    externalStreamUrl: entity.externalStreamUrl,
    order: entity.sortOrder,
    version: entity.version,
  };
}

export function toEventSummary(entity: EventEntity): EventSummary {
  return {
    id: entity.id,
    slug: entity.slug,
    name: entity.name,
    shortName: entity.shortName,
    tagline: entity.tagline,
    status: entity.status,
    timeZone: entity.timeZone,
    startDate: entity.startDate,
    endDate: entity.endDate,
    format: entity.format,
    venue: {
      name: entity.venueName,
      address: entity.venueAddress,
      city: entity.venueCity,
      country: entity.venueCountry,
    },
    languages: entity.languages,
    logoUrl: entity.logoUrl,
    accentColor: entity.accentColor,
  };
}

export function toManagedEventSummary(entity: EventEntity): ManagedEventSummary {
  return { ...toEventSummary(entity), version: entity.version, programmeVersion: entity.programmeVersion };
}

export interface SessionView {
  /**
   * Whether the reader may see the abstract of a `registered` session (registered people and the event's team).
   * Public sessions always show it.
   */
  registered: boolean;
}

/** A session as readers see it; the room and speakers relations must be loaded. */
export function toSession(entity: SessionEntity, event: EventEntity, view: SessionView): Session {
  const showAbstract = entity.visibility === 'public' || view.registered;
  const abstract = showAbstract ? entity.abstract : null;
  return {
    id: entity.id,
    eventSlug: event.slug,
    kind: entity.kind,
    title: entity.title,
    abstract,
    abstractHtml: renderMarkdown(abstract),
    startsAt: entity.startsAt.toISOString(),
    endsAt: entity.endsAt.toISOString(),
    startsLocal: instantToLocal(entity.startsAt, event.timeZone),
    endsLocal: instantToLocal(entity.endsAt, event.timeZone),
    day: dayInTimeZone(entity.startsAt, event.timeZone),
    room: entity.room?.name ?? null,
    roomId: entity.roomId,
    state: entity.state,
    visibility: entity.visibility,
    cancelled: entity.cancelled,
    change: toSessionChange(entity, event),
    qaEnabled: entity.qaEnabled,
    pollsEnabled: entity.pollsEnabled,
    speakers: [...(entity.speakers ?? [])]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .flatMap((link) => (link.speaker ? [{ role: link.role, speaker: toSpeaker(link.speaker) }] : [])),
  };
}

/** The "changed" badge's data: what a moved session was before (null when it was not moved, or moved back). */
export function toSessionChange(entity: SessionEntity, event: EventEntity): SessionChange | null {
  if (!entity.changedAt || !entity.previousStartsAt) return null;
  const timeChanged = entity.previousStartsAt.getTime() !== entity.startsAt.getTime();
  const roomChanged = entity.previousRoomId !== entity.roomId;
  if (!timeChanged && !roomChanged) return null;
  return {
    previousStartsAt: entity.previousStartsAt.toISOString(),
    previousStartsLocal: instantToLocal(entity.previousStartsAt, event.timeZone),
    previousRoom: entity.previousRoom?.name ?? null,
    previousRoomId: entity.previousRoomId,
    timeChanged,
    roomChanged,
    changedAt: entity.changedAt.toISOString(),
  };
}

export function toManagedSession(entity: SessionEntity, event: EventEntity): ManagedSession {
  return {
    ...toSession(entity, event, { registered: true }),
    confidential: entity.confidential,
    externalId: entity.externalId,
    version: entity.version,
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

export function toPartner(entity: EventPartnerEntity): Partner {
  return { name: entity.name, url: entity.url, logoUrl: entity.logoUrl, tier: entity.tier };
}

export function toEventBlock(entity: EventBlockEntity): EventBlock {
  return { title: entity.title, body: entity.body, bodyHtml: renderMarkdown(entity.body) ?? '' };
}

/** The event's own fields, without its programme. */
function eventFields(event: EventEntity, partners: EventPartnerEntity[], blocks: EventBlockEntity[]) {
  return {
    ...toEventSummary(event),
    description: event.description,
    descriptionHtml: renderMarkdown(event.description),
    organiser: { name: event.organiserName, url: event.organiserUrl },
    contactEmail: event.contactEmail,
    contactAddress: event.contactAddress,
    partners: partners.map(toPartner),
    blocks: blocks.map(toEventBlock),
  };
}

export interface EventParts {
  sessions: SessionEntity[];
  speakers: SpeakerEntity[];
  rooms: RoomEntity[];
  partners: EventPartnerEntity[];
  blocks: EventBlockEntity[];
}

/** The public event page: abstracts of `registered` sessions are left out (the same answer for every reader). */
export function toEventDetail(event: EventEntity, parts: EventParts): EventDetail {
  return {
    ...eventFields(event, parts.partners, parts.blocks),
    rooms: parts.rooms.map(toRoom),
    days: groupByDay(parts.sessions.map((session) => toSession(session, event, { registered: false }))),
    speakers: parts.speakers.map(toSpeaker),
  };
}

export function toManagedEvent(
  event: EventEntity,
  partners: EventPartnerEntity[],
  blocks: EventBlockEntity[],
): ManagedEvent {
  return {
    ...eventFields(event, partners, blocks),
    version: event.version,
    programmeVersion: event.programmeVersion,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}
