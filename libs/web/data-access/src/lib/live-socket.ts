import { LIVE_SOCKET_PATH } from '@plenary/contracts';
import type {
  Ack,
  AckError,
  ClientToServerEvents,
  ErrorCode,
  ServerToClientEvents,
} from '@plenary/contracts';
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import { io } from 'socket.io-client';
import { jitteredBackoff } from './backoff';
import type { Socket } from 'socket.io-client';

/** The browser's end of the live service: typed with the contract's event maps. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Every event a client sends (each is answered with an `Ack`). */
export type LiveRequestEvent = keyof ClientToServerEvents;
/** The payload of a client event. */
export type LivePayload<E extends LiveRequestEvent> = Parameters<ClientToServerEvents[E]>[0];
/** The `data` of a positive acknowledgement of a client event. */
export type LiveAckData<E extends LiveRequestEvent> =
  Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends Ack<infer T> ? T : never;

/**
 * connecting: never connected yet · live: connected · reconnecting: lost, trying again with backoff ·
 * offline: not trying (the server refused the sign-in, or the browser is offline).
 */
export type LiveConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveConnectionState {
  status: LiveConnectionStatus;
  /** Why the connection is offline or not yet up: `unauthenticated` means "sign in first". */
  reason: 'unauthenticated' | 'network' | null;
}

/** A negative acknowledgement, thrown by `unwrapAck` (and so by the live mutations and queries). */
export class LiveAckError extends Error {
  override readonly name = 'LiveAckError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(error: AckError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

/** Whether sending the same write again may succeed: the server did not take it, or did not answer. */
export function isRetryableAck(error: AckError | LiveAckError): boolean {
  return error.code === 'core/unavailable';
}

/** The data of a positive acknowledgement; throws `LiveAckError` for a negative one. */
export function unwrapAck<T>(ack: Ack<T>): T {
  if (ack.ok) return ack.data;
  throw new LiveAckError(ack.error);
}

export { jitteredBackoff } from './backoff';

/** A client-generated id for a write (the row's primary key on the server): a retry is stored once. */
export function newClientId(): string {
  const cryptoApi = globalThis.crypto;
  // randomUUID needs a secure context; getRandomValues does not.
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface LiveRequestOptions {
  /** How long to wait for the acknowledgement of one attempt. */
  timeoutMs?: number;
  /** Further attempts after a timeout or `core/unavailable` (writes carry client ids, so retrying is harmless). */
  retries?: number;
}

const TIMEOUT_ERROR: AckError = {
  code: 'core/unavailable',
  message: 'The live service did not answer in time.',
  details: { timeout: true },
};

/** The untyped view of `emitWithAck`, for sending an event chosen by a type parameter. */
interface AckEmitter {
  emitWithAck(event: string, payload: unknown): Promise<unknown>;
}

function isAck(value: unknown): value is Ack<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

const SERVER_REFUSED = new Set(['identity/unauthenticated']);

/**
 * One socket.io connection to the live service and what the UI needs of it: its state, acknowledged requests
 * with timeouts and retries, and reference counting (it connects while someone uses it).
 */
export class LiveConnection {
  readonly socket: LiveSocket;
  private state: LiveConnectionState = { status: 'connecting', reason: null };
  private readonly listeners = new Set<() => void>();
  private users = 0;
  private everConnected = false;
  private manualAttempt = 0;
  private manualTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    socket: LiveSocket,
    private readonly options: { idleDisconnectMs?: number; random?: () => number } = {},
  ) {
    this.socket = socket;
    socket.on('connect', () => {
      this.everConnected = true;
      this.manualAttempt = 0;
      this.setState({ status: 'live', reason: null });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return; // our own doing: reconnect() or idle
      this.setState({ status: this.offlineOr('reconnecting'), reason: 'network' });
      // The server closed the socket (e.g. the sign-in session ended): try again; the handshake will say why.
      if (!socket.active) this.scheduleManualReconnect();
    });
    socket.on('connect_error', (error: Error) => {
      if (socket.active) {
        // Network-level failure: the manager retries with its jittered backoff.
        this.setState({
          status: this.offlineOr(this.everConnected ? 'reconnecting' : 'connecting'),
          reason: 'network',
        });
        return;
      }
      // Refused by the server's middleware: socket.io does not retry those on its own.
      if (SERVER_REFUSED.has(error.message)) {
        this.setState({ status: 'offline', reason: 'unauthenticated' });
        return;
      }
      this.setState({ status: this.everConnected ? 'reconnecting' : 'connecting', reason: 'network' });
      this.scheduleManualReconnect();
    });
  }

  getState = (): LiveConnectionState => this.state;

  /** While the browser says it has no network at all, "offline" says more than "reconnecting". */
  private offlineOr(status: LiveConnectionStatus): LiveConnectionStatus {
    return typeof navigator !== 'undefined' && navigator.onLine === false ? 'offline' : status;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts using the connection (connects if needed); call the returned function when done. */
  acquire(): () => void {
    this.users += 1;
    clearTimeout(this.idleTimer);
    if (!this.socket.connected && !this.socket.active) this.connect();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users -= 1;
      if (this.users > 0) return;
      // Keep the socket through a route change; close it when nobody came back.
      this.idleTimer = setTimeout(() => {
        if (this.users === 0) this.disconnect();
      }, this.options.idleDisconnectMs ?? 5_000);
    };
  }

  /** Connects again with the current cookie, e.g. after signing in or out. */
  reconnect(): void {
    this.socket.disconnect();
    this.connect();
  }

  /** Resolves once connected; rejects with `identity/unauthenticated` when the server refuses the sign-in. */
  waitUntilConnected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.socket.connected) {
          resolve();
          return true;
        }
        if (this.state.status === 'offline' && this.state.reason === 'unauthenticated') {
          reject(
            new LiveAckError({ code: 'identity/unauthenticated', message: 'Sign in to take part live.' }),
          );
          return true;
        }
        return false;
      };
      if (check()) return;
      const unsubscribe = this.subscribe(() => {
        if (check()) unsubscribe();
      });
    });
  }

  /**
   * Sends a client event and resolves with its acknowledgement; never rejects. A timeout or `core/unavailable`
   * is retried (same payload, so the same client id) with jittered backoff, then answered `core/unavailable`.
   */
  async request<E extends LiveRequestEvent>(
    event: E,
    payload: LivePayload<E>,
    { timeoutMs = 10_000, retries = 2 }: LiveRequestOptions = {},
  ): Promise<Ack<LiveAckData<E>>> {
    for (let attempt = 0; ; attempt += 1) {
      const ack = await this.emitOnce(event, payload, timeoutMs);
      if (ack.ok || attempt >= retries || !isRetryableAck(ack.error)) return ack as Ack<LiveAckData<E>>;
      await new Promise((resolve) =>
        setTimeout(resolve, jitteredBackoff(attempt, { random: this.options.random })),
      );
    }
  }

  private async emitOnce(event: string, payload: unknown, timeoutMs: number): Promise<Ack<unknown>> {
    try {
      const emitter = this.socket.timeout(timeoutMs) as unknown as AckEmitter;
      const ack = await emitter.emitWithAck(event, payload);
      return isAck(ack)
        ? ack
        : { ok: false, error: { code: 'internal/unexpected', message: 'Malformed acknowledgement' } };
    } catch {
      return { ok: false, error: TIMEOUT_ERROR };
    }
  }

  private connect(): void {
    clearTimeout(this.manualTimer);
    this.setState({ status: this.everConnected ? 'reconnecting' : 'connecting', reason: null });
    this.socket.connect();
  }

  private disconnect(): void {
    clearTimeout(this.manualTimer);
    this.socket.disconnect();
    this.setState({ status: 'connecting', reason: null });
  }

  private scheduleManualReconnect(): void {
    clearTimeout(this.manualTimer);
    if (this.users === 0) return;
    const delay = jitteredBackoff(this.manualAttempt, {
      baseMs: 1_000,
      maxMs: 30_000,
      random: this.options.random,
    });
    this.manualAttempt += 1;
    this.manualTimer = setTimeout(() => {
      if (this.users > 0 && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  private setState(next: LiveConnectionState): void {
    if (next.status === this.state.status && next.reason === this.state.reason) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Socket options: websocket first (polling as a fallback), the session cookie sent along, and reconnection with
 * jittered exponential backoff (randomizationFactor 0.5, 1 s … 10 s) as docs/live-protocol.md asks.
 */
export function createLiveSocket(url?: string): LiveSocket {
  const options = {
    path: LIVE_SOCKET_PATH,
    withCredentials: true,
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  };
  return url === undefined ? io(options) : io(url, options);
}

let shared: LiveConnection | undefined;

/** The tab's one connection to the live service (same origin), created on first use. */
export function sharedLiveConnection(): LiveConnection {
  shared ??= new LiveConnection(createLiveSocket());
  return shared;
}

/** A connection other than the tab's shared one (tests, storybook-like previews); none by default. */
export const LiveConnectionContext = createContext<LiveConnection | undefined>(undefined);

/** The provided connection; throws outside a `LiveConnectionContext` provider. */
export function useLiveConnectionContext(): LiveConnection {
  const connection = useContext(LiveConnectionContext);
  if (!connection)
    throw new Error('useLiveConnectionContext must be used inside a LiveConnectionContext provider');
  return connection;
}

/** The provided connection, or undefined. */
export function useMaybeLiveConnectionContext(): LiveConnection | undefined {
  return useContext(LiveConnectionContext);
}

/** The given connection, else the provided one, else the tab's shared connection. */
export function useEnsureLiveConnection(connection?: LiveConnection): LiveConnection {
  const provided = useMaybeLiveConnectionContext();
  return connection ?? provided ?? sharedLiveConnection();
}

/** The connection's state, re-rendering on every change; uses (and so opens) the connection while mounted. */
export function useLiveConnectionState(connection?: LiveConnection): LiveConnectionState {
  const ensured = useEnsureLiveConnection(connection);
  useEffect(() => ensured.acquire(), [ensured]);
  return useSyncExternalStore(ensured.subscribe, ensured.getState, ensured.getState);
}
