import {
  Inject,
  Injectable,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { FailureLog, LOGGER } from '@plenary/server-core';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import type { EngagementServer } from '../realtime/engagement.broadcaster';
import { rooms } from '../realtime/rooms';

/** Timings of online presence (ADR 0014). */
export interface PresenceOptions {
  /** How often a node renews its `live_nodes` row (and runs the janitor). */
  heartbeatMs: number;
  /** How long after its last heartbeat a silent node's sockets stop counting. */
  ttlMs: number;
  /** How often joins and leaves are written (in one statement each). */
  flushMs: number;
}

export const DEFAULT_PRESENCE_OPTIONS: PresenceOptions = { heartbeatMs: 10_000, ttlMs: 30_000, flushMs: 250 };
export const PRESENCE_OPTIONS = Symbol('PRESENCE_OPTIONS');

interface Stay {
  id: string;
  eventId: string;
  sessionId: string;
  personId: string;
  joinedAt: Date;
  /** Set when the socket left before the stay was written: it is inserted closed. */
  leftAt: Date | null;
}

/** What the tracker needs of a socket when it enters a session. */
export interface PresenceSocket {
  id: string;
  connected: boolean;
  rooms: Set<string>;
}

const SESSION_ROOM = /^session:([0-9a-f-]{36})$/;

/**
 * The live node's half of online presence: every socket's stay in a session becomes a row of `online_presence`
 * (ids and times only), written in batches; a heartbeat keeps the node's `live_nodes` row alive, so a node that
 * dies stops counting within `ttlMs` without anyone cleaning up after it. Leaving is taken from the socket.io
 * adapter's `leave-room` events, which fire for `session:leave`, a resync and a disconnect alike.
 */
@Injectable()
export class PresenceTracker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** A fresh id per process: a restarted node never revives its predecessor's sockets. */
  readonly nodeId = randomUUID();
  private readonly startedAt = new Date();
  private readonly options: PresenceOptions;
  /** This node's open stays by `socketId sessionId`. */
  private readonly open = new Map<string, Stay>();
  private inserts = new Map<string, Stay>();
  private closes = new Map<string, Date>();
  private flushTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private halted = false;
  /** Whether a heartbeat was written: a missing row after that means the node was pruned as gone. */
  private beaten = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(PRESENCE_OPTIONS) options: Partial<PresenceOptions> | null,
    private readonly failures: FailureLog,
  ) {
    this.options = { ...DEFAULT_PRESENCE_OPTIONS, ...options };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.heartbeat();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs);
    this.heartbeatTimer.unref();
    this.flushTimer = setInterval(() => void this.flush(), this.options.flushMs);
    this.flushTimer.unref();
  }

  /** Graceful stop: everything pending is written and this node's stays end now. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.halted) return;
    this.stopTimers();
    try {
      await this.flush();
      await this.dataSource.query(
        'UPDATE online_presence SET left_at = now() WHERE node_id = $1 AND left_at IS NULL',
        [this.nodeId],
      );
      await this.dataSource.query('DELETE FROM live_nodes WHERE id = $1', [this.nodeId]);
    } catch (error) {
      this.logger.warn({ err: error }, 'presence not closed at shutdown; it expires with the node');
    }
    this.halted = true;
  }

  /** Follows the sockets leaving session rooms (called once socket.io is up). */
  attach(server: EngagementServer): void {
    server.of('/').adapter.on('leave-room', (room: string, socketId: string) => {
      const sessionId = SESSION_ROOM.exec(room)?.[1];
      if (sessionId) this.left(socketId, sessionId);
    });
  }

  /** The socket joined the session's room: its stay starts (once, however often it joins). */
  entered(socket: PresenceSocket, stay: { eventId: string; sessionId: string; personId: string }): void {
    // Gone already (disconnected during the join): its leave-room event has passed, so nothing would close it.
    if (this.halted || !socket.connected || !socket.rooms.has(rooms.session(stay.sessionId))) return;
    const key = `${socket.id} ${stay.sessionId}`;
    if (this.open.has(key)) return;
    const record: Stay = { id: randomUUID(), ...stay, joinedAt: new Date(), leftAt: null };
    this.open.set(key, record);
    this.inserts.set(record.id, record);
  }

  /** Open stays on this node (tests, metrics). */
  get openStays(): number {
    return this.open.size;
  }

  /**
   * Stops writing anything — no heartbeat, no flush, nothing at shutdown — as if the process had been killed.
   * Tests use it to show that a dead node's sockets expire by themselves.
   */
  halt(): void {
    this.halted = true;
    this.stopTimers();
  }

  /** Writes pending joins and leaves now (the timer does it every `flushMs`). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.halted || (this.inserts.size === 0 && this.closes.size === 0)) return;
    this.flushing = this.write().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private left(socketId: string, sessionId: string): void {
    const key = `${socketId} ${sessionId}`;
    const stay = this.open.get(key);
    if (!stay || this.halted) return;
    this.open.delete(key);
    const now = new Date();
    if (this.inserts.has(stay.id)) stay.leftAt = now;
    else this.closes.set(stay.id, now);
  }

  private async write(): Promise<void> {
    const inserts = [...this.inserts.values()];
    const closes = [...this.closes];
    this.inserts = new Map();
    this.closes = new Map();
    try {
      if (inserts.length > 0) {
        await this.dataSource.query(
          `INSERT INTO online_presence (id, event_id, session_id, person_id, node_id, joined_at, left_at)
           SELECT u.id, u.event_id, u.session_id, u.person_id, $1, u.joined_at, u.left_at
             FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[])
                  AS u(id, event_id, session_id, person_id, joined_at, left_at)
             JOIN sessions s ON s.id = u.session_id
           ON CONFLICT (id) DO NOTHING`,
          [
            this.nodeId,
            inserts.map((stay) => stay.id),
            inserts.map((stay) => stay.eventId),
            inserts.map((stay) => stay.sessionId),
            inserts.map((stay) => stay.personId),
            inserts.map((stay) => stay.joinedAt),
            inserts.map((stay) => stay.leftAt),
          ],
        );
      }
      if (closes.length > 0) {
        await this.dataSource.query(
          `UPDATE online_presence p SET left_at = GREATEST(p.joined_at, u.left_at)
             FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, left_at)
            WHERE p.id = u.id AND p.left_at IS NULL`,
          [closes.map(([id]) => id), closes.map(([, at]) => at)],
        );
      }
    } catch (error) {
      // Kept for the next round; a stay closed meanwhile is inserted closed.
      for (const stay of inserts) if (!this.inserts.has(stay.id)) this.inserts.set(stay.id, stay);
      for (const [id, at] of closes) if (!this.closes.has(id)) this.closes.set(id, at);
      if (!this.failures.recordOutage(error, 'presence write'))
        this.logger.warn(
          { err: error, inserts: inserts.length, closes: closes.length },
          'presence not written',
        );
    }
  }

  /**
   * Renews this node's row and ends the stays of nodes that stopped beating. A node that was itself taken for gone
   * (paused longer than `ttlMs`: another node closed its stays) opens its current stays again.
   */
  private async heartbeat(): Promise<void> {
    if (this.halted) return;
    try {
      const rows = await this.dataSource.query<Array<{ lapsed: boolean | null }>>(
        `WITH previous AS (SELECT expires_at FROM live_nodes WHERE id = $1)
         INSERT INTO live_nodes (id, started_at, seen_at, expires_at)
         VALUES ($1, $2, now(), now() + $3 * interval '1 millisecond')
         ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at, expires_at = EXCLUDED.expires_at
         RETURNING COALESCE((SELECT expires_at < now() FROM previous), $4) AS lapsed`,
        [this.nodeId, this.startedAt, this.options.ttlMs, this.beaten],
      );
      this.beaten = true;
      if (rows[0]?.lapsed) this.reopen();
      await this.dataSource.query(
        `UPDATE online_presence p SET left_at = GREATEST(p.joined_at, n.seen_at)
           FROM live_nodes n
          WHERE p.node_id = n.id AND p.left_at IS NULL AND n.expires_at < now()`,
      );
      await this.dataSource.query(
        `DELETE FROM live_nodes n WHERE n.expires_at < now() - interval '1 hour'
            AND NOT EXISTS (SELECT 1 FROM online_presence p WHERE p.node_id = n.id AND p.left_at IS NULL)`,
      );
    } catch (error) {
      if (!this.failures.recordOutage(error, 'presence heartbeat'))
        this.logger.warn({ err: error }, 'presence heartbeat failed');
    }
  }

  private reopen(): void {
    this.logger.warn({ stays: this.open.size }, 'this live node was taken for gone; reopening its presence');
    for (const [key, stay] of this.open) {
      if (this.inserts.has(stay.id)) continue; // not written yet: nobody closed it
      const fresh: Stay = { ...stay, id: randomUUID(), joinedAt: new Date(), leftAt: null };
      this.open.set(key, fresh);
      this.inserts.set(fresh.id, fresh);
    }
  }

  private stopTimers(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.flushTimer = null;
    this.heartbeatTimer = null;
  }
}
