import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FailureLog, LOGGER } from '@plenary/server-core';
import type { Logger } from 'pino';
import { EngagementRepository } from '../engagement.repository';
import type { EngagementServer } from './engagement.broadcaster';
import { rooms } from './rooms';

/** How often a node tells its clients a session's sequence number moved (docs/live-protocol.md, "Gaps"). */
export const BEACON_MS = 2_000;

const SESSION_ROOM = /^session:([0-9a-f-]{36})$/;

/**
 * Tells each node's own clients the current sequence number of the sessions they joined (`session:seq`), so a client
 * that missed a broadcast notices by the number alone — also when the missed event was the last one, which no later
 * event would reveal. Broadcasts travel through Redis; a restart of Redis or a failed stream append can lose one on
 * the way to another node. The beacon does not travel through Redis: each node reads the numbers from PostgreSQL
 * (one query for all its sessions) and emits to its local sockets only.
 *
 * A round announces the sessions whose number moved since this node last announced them (or that it sees first). It
 * needs no Redis, so it also runs while Redis is away. At steady state a round costs one query and no frames; each
 * change costs one small frame per socket at most every `BEACON_MS`.
 */
@Injectable()
export class SequenceBeacon implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: EngagementServer | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Session id → the number this node last announced. */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly repository: EngagementRepository,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
  ) {}

  /** Called by the gateway once socket.io is up. */
  attach(server: EngagementServer): void {
    this.server = server;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.round(), BEACON_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round (a round asked for while one runs is skipped: the next tick comes soon). */
  async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.announce();
    } finally {
      this.running = false;
    }
  }

  private async announce(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // The adapter's own room map: rooms with sockets on this node only.
    const sessionIds: string[] = [];
    for (const room of server.of('/').adapter.rooms.keys()) {
      const match = SESSION_ROOM.exec(room);
      if (match?.[1]) sessionIds.push(match[1]);
    }
    const present = new Set(sessionIds);
    for (const id of this.announced.keys()) if (!present.has(id)) this.announced.delete(id);
    if (sessionIds.length === 0) return;
    let seqs: Map<string, number>;
    try {
      seqs = await this.repository.seqs(sessionIds);
    } catch (error) {
      if (!this.failures.recordOutage(error, 'sequence beacon'))
        this.logger.warn({ err: error }, 'sequence beacon failed; trying again on the next round');
      return;
    }
    for (const [sessionId, seq] of seqs) {
      const before = this.announced.get(sessionId);
      this.announced.set(sessionId, seq);
      // A session seen for the first time is announced too: a socket may have joined before a change that got lost.
      if (before === seq) continue;
      server.local.to(rooms.session(sessionId)).emit('session:seq', { sessionId, seq });
    }
  }
}
