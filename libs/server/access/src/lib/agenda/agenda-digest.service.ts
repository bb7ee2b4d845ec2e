import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TZDate } from '@date-fns/tz';
import {
  APP_CONFIG,
  JobsService,
  LOGGER,
  MailService,
  renderMail,
  type AppConfig,
} from '@plenary/server-core';
import { format } from 'date-fns';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';

/** The job that mails change digests, once a minute across api processes. */
export const AGENDA_DIGEST_QUEUE = 'access.agenda-digests';

/** What a digest compares: the session as people last knew it (before the batch) and as it is now. */
interface SessionState {
  title: string;
  startsAt: string;
  endsAt: string;
  roomId: string | null;
  cancelled: boolean;
}
const COMPARED = ['title', 'startsAt', 'endsAt', 'roomId', 'cancelled'] as const;

interface ChangedSession {
  id: string;
  before: SessionState;
  now: SessionState;
  roomsBefore: string | null;
  roomsNow: string | null;
}

interface DueEvent {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
}

/**
 * Change digests for personal agendas (issue #12): people with an approved registration who starred a session get one
 * mail per change batch of a published event — never one per keystroke. A batch is the event's session changes
 * (moves, retitles, cancellations, from the audit log) since its last digest; it is sent once the event has been quiet
 * for `AGENDA_DIGEST_QUIET_MINUTES`, or `AGENDA_DIGEST_MAX_MINUTES` after its first change while edits go on. A
 * session changed and changed back within a batch is not mentioned. The cursor row, locked while a batch is mailed,
 * makes each batch go out once across api processes; the mails join the outbox in the same transaction.
 */
@Injectable()
export class AgendaDigestService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: AGENDA_DIGEST_QUEUE,
      policy: 'stately',
      cron: '* * * * *',
      handle: async () => {
        const mailed = await this.sendDue();
        if (mailed > 0) this.logger.info({ mailed }, 'agenda change digests queued');
      },
    });
  }

  /** Mails every batch that is due at `now`; answers how many digests were queued. */
  async sendDue(now = new Date()): Promise<number> {
    const quiet = this.config.AGENDA_DIGEST_QUIET_MINUTES;
    const max = this.config.AGENDA_DIGEST_MAX_MINUTES;
    // An event without a cursor yet looks one day back: older changes are not news any more.
    const due = await this.dataSource.query<DueEvent[]>(
      `SELECT e.id, e.slug, e.name, e.time_zone AS "timeZone"
         FROM audit_log a
         JOIN events e ON e.id = a.event_id AND e.status = 'published'
         LEFT JOIN agenda_digest_cursors c ON c.event_id = a.event_id
        WHERE a.action IN ('session.update', 'session.cancel')
          AND a.created_at > coalesce(c.changes_until, $1::timestamptz - interval '1 day')
          AND a.created_at <= $1
        GROUP BY e.id, e.slug, e.name, e.time_zone
       HAVING max(a.created_at) <= $1::timestamptz - make_interval(mins => $2)
           OR min(a.created_at) <= $1::timestamptz - make_interval(mins => $3)`,
      [now, quiet, max],
    );
    let mailed = 0;
    for (const event of due) mailed += await this.sendBatch(event, now);
    return mailed;
  }

  private async sendBatch(event: DueEvent, now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO agenda_digest_cursors (event_id, changes_until)
         VALUES ($1, $2::timestamptz - interval '1 day') ON CONFLICT (event_id) DO NOTHING`,
        [event.id, now],
      );
      // Instants travel as PostgreSQL's text (microseconds): a JavaScript Date would cut them to milliseconds and
      // read the last change of a batch again in the next one.
      const [cursor] = await manager.query<Array<{ since: string }>>(
        `SELECT changes_until::text AS since FROM agenda_digest_cursors WHERE event_id = $1 FOR UPDATE`,
        [event.id],
      );
      if (!cursor) return 0;
      const { changed, until } = await this.changedSessions(manager, event.id, cursor.since, now);
      if (!until) return 0;
      // Up to the last change read, not `now`: a change recorded with an earlier time by a transaction that commits
      // later than this one is not skipped as long as it is after that.
      await manager.query(`UPDATE agenda_digest_cursors SET changes_until = $2 WHERE event_id = $1`, [
        event.id,
        until,
      ]);
      if (changed.length === 0) return 0;
      const readers = await manager.query<Array<{ email: string; name: string; sessionIds: string[] }>>(
        `SELECT p.email, p.name, array_agg(s.session_id::text ORDER BY s.session_id) AS "sessionIds"
           FROM session_stars s
           JOIN registrations r ON r.person_id = s.person_id AND r.event_id = s.event_id AND r.status = 'approved'
           JOIN people p ON p.id = s.person_id
          WHERE s.event_id = $1 AND s.session_id = ANY($2::uuid[])
          GROUP BY p.id, p.email, p.name
          ORDER BY p.email`,
        [event.id, changed.map((session) => session.id)],
      );
      const byId = new Map(changed.map((session) => [session.id, session]));
      await this.mail.enqueueMany(
        readers.map((reader) =>
          this.digestMail(
            event,
            reader,
            reader.sessionIds.flatMap((id) => byId.get(id) ?? []),
          ),
        ),
        manager,
      );
      return readers.length;
    });
  }

  /**
   * Sessions of the event whose title, time, room or cancellation differ now from before the batch's first change:
   * the `before` of each field's earliest change in the audit log, against the row as it is.
   */
  private async changedSessions(
    manager: EntityManager,
    eventId: string,
    since: string,
    until: Date,
  ): Promise<{ changed: ChangedSession[]; until: string | null }> {
    const entries = await manager.query<
      Array<{ sessionId: string; before: Record<string, unknown>; createdAt: string }>
    >(
      `SELECT target_id AS "sessionId", details -> 'before' AS before, created_at::text AS "createdAt"
         FROM audit_log
        WHERE event_id = $1 AND action IN ('session.update', 'session.cancel')
          AND created_at > $2 AND created_at <= $3 AND target_id IS NOT NULL
        ORDER BY created_at, id`,
      [eventId, since, until],
    );
    const last = entries.at(-1)?.createdAt ?? null;
    if (entries.length === 0) return { changed: [], until: last };
    const rows = await manager.query<
      Array<SessionState & { id: string; roomName: string | null; startsAtDate: Date; endsAtDate: Date }>
    >(
      `SELECT s.id, s.title, s.starts_at AS "startsAtDate", s.ends_at AS "endsAtDate", s.room_id AS "roomId",
              s.cancelled, r.name AS "roomName"
         FROM sessions s LEFT JOIN rooms r ON r.id = s.room_id
        WHERE s.event_id = $1 AND s.id = ANY($2::uuid[])`,
      [eventId, [...new Set(entries.map((entry) => entry.sessionId))]],
    );
    const roomNames = new Map<string, string>(
      (
        await manager.query<Array<{ id: string; name: string }>>(
          `SELECT id, name FROM rooms WHERE event_id = $1`,
          [eventId],
        )
      ).map((room) => [room.id, room.name]),
    );
    const changed: ChangedSession[] = [];
    for (const row of rows) {
      const now: SessionState = {
        title: row.title,
        startsAt: row.startsAtDate.toISOString(),
        endsAt: row.endsAtDate.toISOString(),
        roomId: row.roomId,
        cancelled: row.cancelled,
      };
      const before: SessionState = { ...now };
      const seen = new Set<string>();
      for (const entry of entries) {
        if (entry.sessionId !== row.id) continue;
        for (const key of COMPARED) {
          if (seen.has(key) || !(key in entry.before)) continue;
          seen.add(key);
          (before as unknown as Record<string, unknown>)[key] = entry.before[key];
        }
      }
      if (COMPARED.every((key) => before[key] === now[key])) continue;
      changed.push({
        id: row.id,
        before,
        now,
        roomsBefore: before.roomId ? (roomNames.get(before.roomId) ?? null) : null,
        roomsNow: row.roomName,
      });
    }
    return { changed, until: last };
  }

  private digestMail(event: DueEvent, reader: { email: string; name: string }, sessions: ChangedSession[]) {
    const when = (state: SessionState, room: string | null): string => {
      const start = new TZDate(state.startsAt, event.timeZone);
      const end = new TZDate(state.endsAt, event.timeZone);
      return `${format(start, 'EEEE d MMMM, HH:mm')}–${format(end, 'HH:mm')}${room ? `, ${room}` : ''}`;
    };
    const lines = sessions.map((session) => {
      if (session.now.cancelled && !session.before.cancelled)
        return `“${session.now.title}” (${when(session.before, session.roomsBefore)}) is cancelled.`;
      const renamed =
        session.before.title !== session.now.title ? ` (until now “${session.before.title}”)` : '';
      const moved =
        session.before.startsAt !== session.now.startsAt ||
        session.before.endsAt !== session.now.endsAt ||
        session.before.roomId !== session.now.roomId;
      return moved
        ? `“${session.now.title}”${renamed} is now ${when(session.now, session.roomsNow)} — it was ${when(session.before, session.roomsBefore)}.`
        : `“${session.now.title}”${renamed}: ${when(session.now, session.roomsNow)}.`;
    });
    const agendaUrl = `${this.config.PUBLIC_URL}/e/${event.slug}/agenda`;
    const paragraphs = [
      `Hello ${reader.name},`,
      `The organisers of “${event.name}” changed ${sessions.length === 1 ? 'a session' : `${sessions.length} sessions`} in your agenda (times in ${event.timeZone}):`,
      ...lines,
      'Calendars subscribed to your agenda feed update on their own.',
    ];
    return {
      to: reader.email,
      eventId: event.id,
      subject: `Programme changes: ${event.name}`,
      text: [...paragraphs, `Your agenda: ${agendaUrl}`].join('\n\n'),
      html: renderMail(paragraphs, { label: 'Open my agenda', url: agendaUrl }),
    };
  }
}
