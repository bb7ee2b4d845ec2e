import {
  LIVE_PROGRAMME_NAMESPACE,
  LIVE_SOCKET_PATH,
  type ProgrammeChangedMessage,
  type ProgrammeClientToServerEvents,
  type ProgrammeServerToClientEvents,
} from '@plenary/contracts';
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { jitteredBackoff } from './backoff';
import { meQueryOptions } from './get-me';

/** The browser's end of the live service's `/programme` namespace (open to visitors who are not signed in). */
export type ProgrammeSocket = Socket<ProgrammeServerToClientEvents, ProgrammeClientToServerEvents>;

export type ProgrammeChangeListener = (message: ProgrammeChangedMessage) => void;

/**
 * Which events this tab's open pages watch, kept on one socket of the programme namespace: it connects while some
 * page watches an event, (re)sends `programme:watch` for each after every connect, and after a reconnect tells the
 * pages to re-read everything (changes sent while it was away are lost).
 */
export class ProgrammeUpdates {
  private readonly watchers = new Map<string, Set<ProgrammeChangeListener>>();
  private everConnected = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  constructor(
    readonly socket: ProgrammeSocket,
    private readonly options: { idleDisconnectMs?: number } = {},
  ) {
    socket.on('connect', () => {
      const reconnected = this.everConnected;
      this.everConnected = true;
      this.attempt = 0;
      for (const eventId of this.watchers.keys()) {
        this.send(eventId);
        if (reconnected) this.notify({ eventId, sessionIds: [], scope: 'event', programmeVersion: 0 });
      }
    });
    socket.on('programme:changed', (message) => this.notify(message));
    // Refused by the server's middleware (PostgreSQL away: `core/unavailable`): socket.io does not retry those.
    socket.on('connect_error', () => {
      if (socket.active) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(
        () => {
          if (this.watchers.size > 0 && !socket.connected) socket.connect();
        },
        jitteredBackoff(this.attempt++, { baseMs: 1_000, maxMs: 30_000 }),
      );
    });
  }

  /** Hears of changes of the event until the returned function is called. */
  watch(eventId: string, listener: ProgrammeChangeListener): () => void {
    clearTimeout(this.idleTimer);
    let listeners = this.watchers.get(eventId);
    if (!listeners) {
      listeners = new Set();
      this.watchers.set(eventId, listeners);
      if (this.socket.connected) this.send(eventId);
    }
    listeners.add(listener);
    if (!this.socket.connected && !this.socket.active) this.socket.connect();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const current = this.watchers.get(eventId);
      current?.delete(listener);
      if (current && current.size === 0) {
        this.watchers.delete(eventId);
        if (this.socket.connected) this.socket.emit('programme:unwatch', { eventId }, () => undefined);
      }
      if (this.watchers.size > 0) return;
      // Keep the socket through a route change; close it when no page came back.
      this.idleTimer = setTimeout(() => {
        if (this.watchers.size === 0) this.socket.disconnect();
      }, this.options.idleDisconnectMs ?? 5_000);
    };
  }

  /** A new handshake with the current cookie (after signing in or out: an organiser hears of their drafts). */
  reconnect(): void {
    if (!this.socket.connected && !this.socket.active) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  private send(eventId: string): void {
    // A refusal (an unknown event, a draft of someone else's) needs no handling: the page's own read says so.
    this.socket.emit('programme:watch', { eventId }, () => undefined);
  }

  private notify(message: ProgrammeChangedMessage): void {
    for (const listener of this.watchers.get(message.eventId) ?? []) listener(message);
  }
}

/**
 * A socket of the programme namespace: its own engine.io connection (`forceNew`), because the default namespace's
 * connection is re-made with a new cookie at every sign-in, which a shared connection would prevent.
 */
export function createProgrammeSocket(url?: string): ProgrammeSocket {
  const options = {
    path: LIVE_SOCKET_PATH,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  };
  return io(`${url ?? ''}${LIVE_PROGRAMME_NAMESPACE}`, options);
}

let shared: ProgrammeUpdates | undefined;

/** The tab's one programme-updates socket, created on first use. */
export function sharedProgrammeUpdates(): ProgrammeUpdates {
  shared ??= new ProgrammeUpdates(createProgrammeSocket());
  return shared;
}

/** Programme updates other than the tab's shared ones (tests); none by default. */
export const ProgrammeUpdatesContext = createContext<ProgrammeUpdates | undefined>(undefined);

/**
 * Whether a query shows something of the event's programme: the event page (`['events', slug]`), its sessions, and
 * every query that names the slug under `me` (the personal agenda, the organiser's programme views). The ticket
 * key and personal tickets do not change with the programme.
 */
export function isProgrammeQuery(queryKey: QueryKey, slug: string): boolean {
  const [first, second, third, fourth] = queryKey;
  if (first === 'events') return second === slug && third !== 'ticket-key';
  if (first === 'me' && second === 'events' && third === slug)
    return !['ticket', 'registration', 'presence'].includes(String(fourth));
  return false;
}

/** Marks the event's programme queries stale; those on screen refetch at once. */
export function invalidateProgramme(queryClient: QueryClient, slug: string): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) => isProgrammeQuery(query.queryKey, slug),
  });
}

/**
 * Keeps an open page of an event current: watches the event over the live service and, when a change is
 * committed, re-reads the event's programme queries (no polling). Works for visitors who are not signed in.
 */
export function useProgrammeUpdates(slug: string, eventId: string | undefined): void {
  const provided = useContext(ProgrammeUpdatesContext);
  const queryClient = useQueryClient();
  // Who is signed in (shared with the site header's query); not asked before the event is known to exist.
  const me = useQuery({ ...meQueryOptions(), enabled: eventId !== undefined });
  const personId = me.data === undefined ? undefined : (me.data?.person.id ?? null);
  const previous = useRef<string | null | undefined>(undefined);
  const updates = provided ?? (typeof window === 'undefined' ? undefined : sharedProgrammeUpdates());

  useEffect(() => {
    if (!updates || !eventId) return undefined;
    return updates.watch(eventId, () => void invalidateProgramme(queryClient, slug));
  }, [updates, eventId, queryClient, slug]);

  useEffect(() => {
    if (personId === undefined || !updates) return;
    if (previous.current !== undefined && previous.current !== personId) updates.reconnect();
    previous.current = personId;
  }, [updates, personId]);
}
