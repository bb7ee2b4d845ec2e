import { Injectable } from '@nestjs/common';
import type {
  ImportCounts,
  ScheduleIssue,
  ImportItem,
  ProgrammeImportResult,
  SpeakerRole,
} from '@plenary/contracts';
import { CoreException, publishDomainEvent } from '@plenary/server-core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventEntity, RoomEntity, SessionEntity, SpeakerEntity } from '../entities';
import { ProgrammeException } from '../programme.exception';
import { ProgrammeRepository, uniqueViolation } from '../programme.repository';
import { changedFields, type AuditChange } from '../programme.writer';
import { addDays, instantToLocal, localToInstant } from '../text/local-time';
import type { ProgrammeSnapshot } from './interchange.export';
import { MAX_ISSUES } from './interchange.parse';
import { issueAt, type ImportDocument, type ImportedSpeakerFields } from './interchange.document';

type Link = { speakerId: string; role: SpeakerRole };

interface SpeakerPlan {
  id: string;
  action: 'create' | 'update' | 'unchanged';
  changes: Partial<ImportedSpeakerFields>;
  before: Partial<ImportedSpeakerFields>;
}

interface SessionState {
  kind: string;
  title: string;
  abstract: string | null;
  startsLocal: string;
  endsLocal: string;
  roomId: string | null;
  speakers: Link[];
}

const SESSION_FIELDS = [
  'kind',
  'title',
  'abstract',
  'startsLocal',
  'endsLocal',
  'roomId',
  'speakers',
] as const;
/** The field names a preview shows (the room by name, not id). */
const FIELD_LABEL: Record<string, string> = { roomId: 'room' };

const emptyCounts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, absent: 0 });

/** What an import did (or, in a dry run, would do), and the audit entries the caller records with it. */
export interface ImportOutcome {
  result: ProgrammeImportResult;
  audit: AuditChange[];
}

/**
 * Applies a schedule file to an event's programme: rooms matched by name, speakers and sessions by their import key
 * (the file's guid/code/id, stored as `external_id`; a key equal to an item's own id matches it too, so an event's
 * export imported into it again changes nothing). Only the fields the format carries are compared and written; items
 * the file does not mention are listed as `absent` and kept. The same rules as the editor (times in the event's
 * zone, inside its dates, end after start); any problem refuses the whole file with every bad row named. A real
 * import writes in the caller's transaction with one version bump and one `programme.changed` (scope `event`);
 * a file that changes nothing writes nothing.
 */
@Injectable()
export class ProgrammeImporter {
  constructor(private readonly repository: ProgrammeRepository) {}

  async run(
    manager: EntityManager,
    eventId: string,
    document: ImportDocument,
    options: { dryRun: boolean },
  ): Promise<ImportOutcome> {
    const event = await this.repository.findEventById(eventId, manager);
    if (!event) throw new ProgrammeException('programme/event-not-found', 'This event no longer exists.');
    if (!options.dryRun) {
      // Rows first, the event row last (its version bump): the writer's lock order.
      await manager.query('SELECT id FROM rooms WHERE event_id = $1 ORDER BY id FOR UPDATE', [eventId]);
      await manager.query('SELECT id FROM speakers WHERE event_id = $1 ORDER BY id FOR UPDATE', [eventId]);
      await manager.query('SELECT id FROM sessions WHERE event_id = $1 ORDER BY id FOR UPDATE', [eventId]);
    }
    // One after another: a transaction's queries share one connection.
    const rooms = await this.repository.listRooms(eventId, manager);
    const speakers = await this.repository.listSpeakers(eventId, manager);
    const sessions = await this.repository.listSessions(eventId, manager);
    const issues: ScheduleIssue[] = [...document.issues];
    const items: ImportItem[] = [];
    const counts = { rooms: emptyCounts(), speakers: emptyCounts(), sessions: emptyCounts() };
    const audit: AuditChange[] = [];

    // Rooms, by name.
    const roomByName = new Map(rooms.map((room) => [room.name, room.id]));
    const newRooms: Array<Partial<RoomEntity>> = [];
    for (const room of document.rooms) {
      const existing = roomByName.get(room.name);
      const action = existing ? 'unchanged' : 'create';
      counts.rooms[action] += 1;
      items.push({
        kind: 'room',
        key: room.name,
        label: room.name,
        action,
        changes: [],
        location: room.at.path,
      });
      if (existing) continue;
      const id = randomUUID();
      roomByName.set(room.name, id);
      newRooms.push({
        id,
        eventId,
        name: room.name,
        capacity: null,
        videoMode: 'livekit',
        externalStreamUrl: null,
        sortOrder: rooms.length + newRooms.length,
      });
    }

    // Speakers, by import key (or own id).
    const speakerByKey = new Map<string, SpeakerEntity>();
    for (const speaker of speakers) {
      speakerByKey.set(speaker.id, speaker);
      if (speaker.externalId !== null) speakerByKey.set(speaker.externalId, speaker);
    }
    const speakerIdOf = new Map<string, string>();
    const seenSpeakers = new Set<string>();
    const speakerPlans: Array<{ plan: SpeakerPlan; fields: ImportedSpeakerFields; key: string }> = [];
    for (const speaker of document.speakers) {
      const existing = speakerByKey.get(speaker.key);
      let plan: SpeakerPlan;
      if (!existing) {
        plan = { id: randomUUID(), action: 'create', changes: speaker.fields, before: {} };
      } else {
        seenSpeakers.add(existing.id);
        const changes: Partial<ImportedSpeakerFields> = {};
        const before: Partial<ImportedSpeakerFields> = {};
        for (const [field, value] of Object.entries(speaker.fields) as Array<
          [keyof ImportedSpeakerFields, string | null]
        >) {
          if (value === undefined || existing[field] === value) continue;
          (changes as Record<string, unknown>)[field] = value;
          (before as Record<string, unknown>)[field] = existing[field];
        }
        plan = {
          id: existing.id,
          action: Object.keys(changes).length > 0 ? 'update' : 'unchanged',
          changes,
          before,
        };
      }
      speakerIdOf.set(speaker.key, plan.id);
      speakerPlans.push({ plan, fields: speaker.fields, key: speaker.key });
      counts.speakers[plan.action] += 1;
      items.push({
        kind: 'speaker',
        key: speaker.key,
        label: speaker.fields.name,
        action: plan.action,
        changes: plan.action === 'update' ? Object.keys(plan.changes) : [],
        location: speaker.at.path,
      });
    }

    // Sessions, by import key (or own id).
    const sessionByKey = new Map<string, SessionEntity>();
    for (const session of sessions) {
      sessionByKey.set(session.id, session);
      if (session.externalId !== null) sessionByKey.set(session.externalId, session);
    }
    const seenSessions = new Set<string>();
    const newSessions: Array<{ row: Partial<SessionEntity>; links: Link[] }> = [];
    const sessionUpdates: Array<{
      id: string;
      fields: Partial<SessionEntity>;
      links: Link[] | null;
      diff: ReturnType<typeof changedFields>;
    }> = [];
    for (const session of document.sessions) {
      const before = issues.length;
      const links: Link[] = [];
      for (const link of session.speakers) {
        const speakerId = speakerIdOf.get(link.key) ?? speakerByKey.get(link.key)?.id;
        if (speakerId === undefined)
          issues.push(
            issueAt(
              session.at,
              'speakers',
              `names "${link.key}", who is neither in this file nor a speaker of the event`,
            ),
          );
        else links.push({ speakerId, role: link.role });
      }
      for (const issue of outsideEvent(event, session.startsLocal, session.endsLocal))
        issues.push(issueAt(session.at, issue.field, issue.message));
      if (issues.length > before) continue;
      const state: SessionState = {
        kind: session.kind,
        title: session.title,
        abstract: session.abstract,
        startsLocal: session.startsLocal,
        endsLocal: session.endsLocal,
        roomId: session.room === null ? null : (roomByName.get(session.room) ?? null),
        speakers: links,
      };
      const existing = sessionByKey.get(session.key);
      const item = {
        kind: 'session' as const,
        key: session.key,
        label: session.title,
        location: session.at.path,
      };
      if (!existing) {
        counts.sessions.create += 1;
        items.push({ ...item, action: 'create', changes: [] });
        newSessions.push({
          row: {
            id: randomUUID(),
            eventId,
            kind: session.kind,
            title: session.title,
            abstract: session.abstract,
            startsAt: localToInstant(session.startsLocal, event.timeZone),
            endsAt: localToInstant(session.endsLocal, event.timeZone),
            roomId: state.roomId,
            qaEnabled: true,
            pollsEnabled: true,
            confidential: false,
            visibility: 'public',
            cancelled: false,
            externalId: session.key,
          },
          links,
        });
        continue;
      }
      if (seenSessions.has(existing.id)) {
        issues.push(
          issueAt(session.at, null, `names the same session as an earlier item ("${session.key}")`),
        );
        continue;
      }
      seenSessions.add(existing.id);
      const current = stateOf(existing, event.timeZone);
      const diff = changedFields(
        current as unknown as Record<string, unknown>,
        state as unknown as Record<string, unknown>,
      );
      const changed = SESSION_FIELDS.filter((field) => field in diff.after);
      if (changed.length === 0) {
        counts.sessions.unchanged += 1;
        items.push({ ...item, action: 'unchanged', changes: [] });
        continue;
      }
      counts.sessions.update += 1;
      items.push({ ...item, action: 'update', changes: changed.map((field) => FIELD_LABEL[field] ?? field) });
      const fields: Partial<SessionEntity> = {};
      if (changed.includes('kind')) fields.kind = session.kind;
      if (changed.includes('title')) fields.title = session.title;
      if (changed.includes('abstract')) fields.abstract = session.abstract;
      if (changed.includes('startsLocal') || changed.includes('endsLocal')) {
        fields.startsAt = localToInstant(session.startsLocal, event.timeZone);
        fields.endsAt = localToInstant(session.endsLocal, event.timeZone);
      }
      if (changed.includes('roomId')) fields.roomId = state.roomId;
      sessionUpdates.push({
        id: existing.id,
        fields,
        links: changed.includes('speakers') ? links : null,
        diff,
      });
    }
    if (issues.length > 0)
      throw new CoreException(
        'core/validation-failed',
        'The schedule file has problems; nothing was imported.',
        inFileOrder(issues).slice(0, MAX_ISSUES),
      );

    // What the event has and the file does not mention: kept, listed.
    if (document.format !== 'csv-sessions')
      for (const speaker of speakers)
        if (speaker.externalId !== null && !seenSpeakers.has(speaker.id)) {
          counts.speakers.absent += 1;
          items.push({
            kind: 'speaker',
            key: speaker.externalId,
            label: speaker.name,
            action: 'absent',
            changes: [],
            location: null,
          });
        }
    if (document.hasSessions)
      for (const session of sessions)
        if (session.externalId !== null && !seenSessions.has(session.id)) {
          counts.sessions.absent += 1;
          items.push({
            kind: 'session',
            key: session.externalId,
            label: session.title,
            action: 'absent',
            changes: [],
            location: null,
          });
        }

    const changes =
      newRooms.length +
      speakerPlans.filter(({ plan }) => plan.action !== 'unchanged').length +
      newSessions.length +
      sessionUpdates.length;
    let programmeVersion = event.programmeVersion;
    if (!options.dryRun && changes > 0) {
      const newSpeakers = speakerPlans.filter(({ plan }) => plan.action === 'create');
      try {
        await this.repository.insertBatch(manager, {
          rooms: newRooms,
          speakers: newSpeakers.map(({ plan, fields, key }, index) => ({
            id: plan.id,
            eventId,
            honorific: null,
            title: '',
            organisation: null,
            country: null,
            bio: null,
            photoUrl: null,
            ...fields,
            externalId: key,
            sortOrder: speakers.length + index,
          })),
          sessions: newSessions.map((session) => session.row),
          links: newSessions.flatMap((session) =>
            session.links.map((link, position) => ({
              sessionId: session.row.id,
              speakerId: link.speakerId,
              role: link.role,
              sortOrder: position,
            })),
          ),
        });
        for (const { plan } of speakerPlans)
          if (plan.action === 'update') await this.repository.updateSpeaker(manager, plan.id, plan.changes);
        for (const update of sessionUpdates) {
          if (Object.keys(update.fields).length > 0 || update.links !== null)
            await this.repository.updateSession(manager, update.id, update.fields);
          if (update.links !== null)
            await this.repository.replaceSessionSpeakers(manager, update.id, update.links);
        }
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (constraint?.includes('external_id'))
          throw new ProgrammeException(
            'programme/external-id-taken',
            'Another import added the same items at the same time; import the file again.',
          );
        if (constraint?.startsWith('uq_rooms'))
          throw new ProgrammeException(
            'programme/room-name-taken',
            'Another change added the same room at the same time; import the file again.',
          );
        throw error;
      }
      programmeVersion = await this.repository.bumpProgrammeVersion(manager, eventId);
      await publishDomainEvent(manager, {
        type: 'programme.changed',
        eventId,
        scope: 'event',
        sessionIds: [],
        programmeVersion,
      });
      audit.push(
        ...newRooms.map((room) => ({
          action: 'room.create',
          targetId: room.id ?? null,
          details: { after: { name: room.name }, import: document.format },
        })),
        ...speakerPlans
          .filter(({ plan }) => plan.action !== 'unchanged')
          .map(({ plan, key }) => ({
            action: plan.action === 'create' ? 'speaker.create' : 'speaker.update',
            targetId: plan.id,
            details:
              plan.action === 'create'
                ? { after: { ...plan.changes, externalId: key }, import: document.format }
                : { before: plan.before, after: plan.changes, import: document.format },
          })),
        ...newSessions.map(({ row, links }) => ({
          action: 'session.create',
          targetId: row.id ?? null,
          details: {
            after: {
              kind: row.kind,
              title: row.title,
              startsAt: row.startsAt?.toISOString(),
              endsAt: row.endsAt?.toISOString(),
              roomId: row.roomId,
              speakers: links,
              externalId: row.externalId,
            },
            import: document.format,
          },
        })),
        ...sessionUpdates.map((update) => ({
          action: 'session.update',
          targetId: update.id,
          details: { ...update.diff, import: document.format },
        })),
      );
    }
    return {
      result: { dryRun: options.dryRun, format: document.format, counts, items, programmeVersion },
      audit,
    };
  }

  /** The event's programme as exports read it (the caller's transaction gives one consistent snapshot). */
  async snapshot(manager: EntityManager, eventId: string): Promise<ProgrammeSnapshot> {
    const event = await this.repository.findEventById(eventId, manager);
    if (!event) throw new ProgrammeException('programme/event-not-found', 'This event no longer exists.');
    const rooms = await this.repository.listRooms(eventId, manager);
    const speakers = await this.repository.listSpeakers(eventId, manager);
    const sessions = await this.repository.listSessions(eventId, manager);
    return { event, rooms, speakers, sessions };
  }
}

function stateOf(session: SessionEntity, timeZone: string): SessionState {
  return {
    kind: session.kind,
    title: session.title,
    abstract: session.abstract,
    startsLocal: instantToLocal(session.startsAt, timeZone),
    endsLocal: instantToLocal(session.endsAt, timeZone),
    roomId: session.roomId,
    speakers: [...(session.speakers ?? [])]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map((link) => ({ speakerId: link.speakerId, role: link.role })),
  };
}

function outsideEvent(
  event: EventEntity,
  startsLocal: string,
  endsLocal: string,
): Array<{ field: string; message: string }> {
  const within = `must be within the event (${event.startDate} to ${event.endDate})`;
  const issues: Array<{ field: string; message: string }> = [];
  const day = startsLocal.slice(0, 10);
  if (day < event.startDate || day > event.endDate) issues.push({ field: 'start', message: within });
  else if (endsLocal > `${addDays(event.endDate, 1)}T00:00`) issues.push({ field: 'end', message: within });
  return issues;
}

/** Issues by line when the file has lines (CSV, XML); JSON paths keep the order they were found in. */
function inFileOrder(issues: ScheduleIssue[]): ScheduleIssue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || a.index - b.index)
    .map(({ issue }) => issue);
}
