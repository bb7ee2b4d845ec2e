import type { ResyncEvent, ServerToClientEvents, SessionSnapshot } from '@plenary/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { applyLiveEvent, liveQueryKeys, takesSeq } from './live-session-cache';
import type { LiveSessionEvent } from './live-session-cache';
import { LiveAckError } from './live-socket';
import type { LiveConnection } from './live-socket';

export interface LiveSessionSyncOptions {
  /** How long a gap in the sequence may stay open before rejoining (docs/live-protocol.md: one second). */
  gapWaitMs?: number;
  /** `session:resync` asks to rejoin after a random delay up to this. */
  resyncDelayMaxMs?: number;
  random?: () => number;
}

/** The join was superseded by a newer one (a resync); TanStack Query has already dropped it. */
class SupersededJoinError extends Error {
  override readonly name = 'SupersededJoinError';
}

const PUSHED_EVENTS = [
  'question:changed',
  'questions:ranked',
  'poll:changed',
  'poll:tally',
  'session:settings-changed',
  'session:seq',
] as const satisfies readonly (keyof ServerToClientEvents)[];

/**
 * Keeps the TanStack Query cache of one session in step with the live service. `join()` is the query's function:
 * it sends `session:join` (buffering events that arrive meanwhile) and answers the snapshot with the buffered
 * events newer than it applied. Afterwards each pushed event is applied to the cache in sequence order; events
 * that arrive early wait for the missing ones, and a gap that stays open for `gapWaitMs`, a `session:resync` or a
 * reconnect refetches the query, which joins again.
 */
export class LiveSessionSync {
  private lastSeq: number | null = null;
  /** The highest sequence number seen in any event: above `lastSeq` means we are missing something. */
  private highestSeen = 0;
  private joinAttempt = 0;
  private joining = false;
  /** The socket id the join in flight was sent on; a reconnect in between loses it. */
  private joinSentOn: string | undefined;
  private buffer: LiveSessionEvent[] = [];
  private readonly early = new Map<number, LiveSessionEvent>();
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cleanups: Array<() => void> = [];
  private started = false;

  constructor(
    private readonly connection: LiveConnection,
    private readonly queryClient: QueryClient,
    readonly sessionId: string,
    private readonly options: LiveSessionSyncOptions = {},
  ) {}

  get queryKey() {
    return liveQueryKeys.session(this.sessionId);
  }

  /** Listens to the socket (and keeps the connection open) until `stop()`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const socket = this.connection.socket;
    for (const type of PUSHED_EVENTS) {
      const listener = (payload: LiveSessionEvent['payload']) =>
        this.receive({ type, payload } as LiveSessionEvent);
      socket.on(type, listener);
      this.cleanups.push(() => socket.off(type, listener));
    }
    const onResync = (payload: ResyncEvent) => {
      if (payload.sessionId !== this.sessionId) return;
      const delay = (this.options.random ?? Math.random)() * (this.options.resyncDelayMaxMs ?? 2_000);
      this.scheduleResync(delay);
    };
    socket.on('session:resync', onResync);
    this.cleanups.push(() => socket.off('session:resync', onResync));
    // Rooms do not survive a reconnect: join again (also after a join that failed, e.g. before signing in). A join
    // still waiting for the connection goes ahead by itself.
    const onConnect = () => {
      const lostJoin = this.joining && this.joinSentOn !== undefined && this.joinSentOn !== socket.id;
      if (!this.joining || lostJoin) this.resync();
    };
    socket.on('connect', onConnect);
    this.cleanups.push(() => socket.off('connect', onConnect));
    this.cleanups.push(this.connection.acquire());
  }

  /** Stops listening, leaves the session and lets the connection go. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    clearTimeout(this.gapTimer);
    clearTimeout(this.resyncTimer);
    const joined = this.lastSeq !== null;
    this.lastSeq = null;
    this.joining = false;
    this.joinAttempt += 1;
    this.buffer = [];
    this.early.clear();
    if (joined && this.connection.socket.connected) {
      void this.connection.request('session:leave', { sessionId: this.sessionId }, { retries: 0 });
    }
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** The query function: joins the session and answers the snapshot, buffered events applied. */
  async join(): Promise<SessionSnapshot> {
    const attempt = ++this.joinAttempt;
    this.joining = true;
    this.joinSentOn = undefined;
    this.buffer = [];
    this.early.clear();
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    try {
      await this.connection.waitUntilConnected();
      if (attempt !== this.joinAttempt) throw new SupersededJoinError();
      this.joinSentOn = this.connection.socket.id;
      const ack = await this.connection.request(
        'session:join',
        { sessionId: this.sessionId },
        { retries: 0 },
      );
      if (attempt !== this.joinAttempt) throw new SupersededJoinError();
      if (!ack.ok) throw new LiveAckError(ack.error);

      let snapshot = ack.data;
      this.lastSeq = snapshot.seq;
      this.highestSeen = snapshot.seq;
      const buffered = this.buffer;
      this.buffer = [];
      this.joining = false;
      for (const event of buffered) snapshot = this.accept(snapshot, event);
      // Written now as well as by the query, so an event handled right after this lands on the new snapshot.
      this.queryClient.setQueryData(this.queryKey, snapshot);
      return snapshot;
    } catch (error) {
      if (attempt === this.joinAttempt) {
        this.joining = false;
        this.buffer = [];
        this.lastSeq = null;
      }
      throw error;
    }
  }

  /** Rejoins after `delayMs` (refetches the session's query, which replaces the cached snapshot). */
  scheduleResync(delayMs: number): void {
    clearTimeout(this.resyncTimer);
    this.resyncTimer = setTimeout(() => this.resync(), delayMs);
  }

  private resync(): void {
    clearTimeout(this.resyncTimer);
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    if (!this.started) return;
    void this.queryClient.refetchQueries({ queryKey: this.queryKey, exact: true });
  }

  private receive(event: LiveSessionEvent): void {
    if (event.payload.sessionId !== this.sessionId) return;
    if (this.joining) {
      this.buffer.push(event);
      return;
    }
    if (this.lastSeq === null) return;
    this.queryClient.setQueryData<SessionSnapshot>(this.queryKey, (current) =>
      current ? this.accept(current, event) : current,
    );
  }

  /** Applies the event if it is next in sequence (then any early ones it unblocks); holds it if it is early. */
  private accept(snapshot: SessionSnapshot, event: LiveSessionEvent): SessionSnapshot {
    const lastSeq = this.lastSeq ?? snapshot.seq;
    const seq = event.payload.seq;
    this.highestSeen = Math.max(this.highestSeen, seq);
    let next = snapshot;
    if (!takesSeq(event)) {
      next = applyLiveEvent(snapshot, event);
    } else if (seq === lastSeq + 1) {
      next = applyLiveEvent(snapshot, event);
      let current = seq;
      for (let following = this.early.get(current + 1); following; following = this.early.get(current + 1)) {
        this.early.delete(current + 1);
        next = applyLiveEvent(next, following);
        current += 1;
      }
      this.lastSeq = current;
    } else if (seq > lastSeq + 1) {
      this.early.set(seq, event);
    }
    // seq ≤ lastSeq: already in the snapshot; dropped.
    this.watchGap();
    return next;
  }

  /** A gap that does not close within `gapWaitMs` is a lost event: rejoin. */
  private watchGap(): void {
    const behind = this.lastSeq !== null && this.highestSeen > this.lastSeq;
    if (!behind) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
      return;
    }
    if (this.gapTimer !== undefined) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.lastSeq !== null && this.highestSeen > this.lastSeq) this.resync();
    }, this.options.gapWaitMs ?? 1_000);
  }
}

const registries = new WeakMap<LiveConnection, Map<string, { sync: LiveSessionSync; users: number }>>();

/**
 * The one `LiveSessionSync` of a session on a connection, shared by every component that shows the session;
 * created (and started) on first use.
 */
export function ensureLiveSessionSync(
  connection: LiveConnection,
  queryClient: QueryClient,
  sessionId: string,
  options?: LiveSessionSyncOptions,
): LiveSessionSync {
  let registry = registries.get(connection);
  if (!registry) {
    registry = new Map();
    registries.set(connection, registry);
  }
  let entry = registry.get(sessionId);
  if (!entry) {
    entry = { sync: new LiveSessionSync(connection, queryClient, sessionId, options), users: 0 };
    registry.set(sessionId, entry);
    entry.sync.start();
    // Nobody may retain it (a query run without a mounted component): let it go unless someone does.
    scheduleRelease(registry, sessionId, queryClient);
  }
  return entry.sync;
}

/** Counts a user of the session's sync; the returned function releases it (stopped when nobody is left). */
export function retainLiveSessionSync(
  connection: LiveConnection,
  queryClient: QueryClient,
  sessionId: string,
  options?: LiveSessionSyncOptions,
): () => void {
  ensureLiveSessionSync(connection, queryClient, sessionId, options);
  const registry = registries.get(connection);
  const entry = registry?.get(sessionId);
  if (!registry || !entry) return () => undefined;
  entry.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    entry.users -= 1;
    if (entry.users === 0) scheduleRelease(registry, sessionId, queryClient);
  };
}

/** Stops a sync nobody uses after a moment (a remount, e.g. in React's strict mode, keeps it). */
function scheduleRelease(
  registry: Map<string, { sync: LiveSessionSync; users: number }>,
  sessionId: string,
  queryClient: QueryClient,
): void {
  setTimeout(() => {
    const entry = registry.get(sessionId);
    if (!entry || entry.users > 0) return;
    registry.delete(sessionId);
    entry.sync.stop();
    // Without the sync, the cached snapshot would go stale silently: the next user joins afresh.
    queryClient.removeQueries({ queryKey: entry.sync.queryKey, exact: true });
  }, 1_000);
}
