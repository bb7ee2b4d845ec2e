import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DOMAIN_EVENTS_CHANNEL, domainEventSchema, type DomainEvent } from '@plenary/contracts';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { APP_CONFIG, APP_NAME } from '../config/config.tokens';
import type { AppConfig } from '../config/config.schema';
import { LOGGER } from '../logging/logger.token';

export type DomainEventHandler = (event: DomainEvent) => void;

/** Called after the listener connected again: events sent meanwhile were missed and state must be re-read. */
export type ResumeHandler = () => void;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * `LISTEN`s on the domain-event channel over one dedicated PostgreSQL connection (not a pooled one: a pooled
 * connection would be handed to queries and stop hearing notifications). It validates every payload with the
 * contract, hands events to the subscribers in arrival order and reconnects with jittered backoff after the
 * connection drops — then tells the `onResume` subscribers, because NOTIFY keeps nothing for absent listeners.
 */
@Injectable()
export class DomainEventListener implements OnApplicationShutdown {
  private readonly handlers = new Set<DomainEventHandler>();
  private readonly resumeHandlers = new Set<ResumeHandler>();
  private client: Client | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private started = false;
  private required = false;
  private stopped = false;
  private connectedOnce = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_NAME) private readonly app: string,
  ) {}

  /** Whether the listener was started. */
  get enabled(): boolean {
    return this.started;
  }

  /**
   * Whether the process cannot serve without it (live nodes: their sockets act on events), so that readiness
   * includes it. Processes that only keep caches with it (the api) bypass them instead while it is down.
   */
  get requiredForReadiness(): boolean {
    return this.started && this.required;
  }

  /** Whether notifications are being received now. */
  get listening(): boolean {
    return this.client !== null;
  }

  subscribe(handler: DomainEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  onResume(handler: ResumeHandler): () => void {
    this.resumeHandlers.add(handler);
    return () => this.resumeHandlers.delete(handler);
  }

  /**
   * Connects and listens; resolves after the first attempt (a failed one keeps retrying in the background).
   * `required` (default true): readiness reports the listener (see `requiredForReadiness`).
   */
  async start(options: { required?: boolean } = {}): Promise<void> {
    this.required ||= options.required ?? true;
    if (this.started) return;
    this.started = true;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Parses and dispatches one notification payload; exposed for tests of malformed input. */
  dispatch(payload: string | undefined): void {
    let json: unknown;
    try {
      json = JSON.parse(payload ?? '');
    } catch {
      this.logger.warn({ channel: DOMAIN_EVENTS_CHANNEL }, 'domain event is not JSON; ignored');
      return;
    }
    const parsed = domainEventSchema.safeParse(json);
    if (!parsed.success) {
      const type = typeof json === 'object' && json && 'type' in json ? String(json.type) : 'unknown';
      this.logger.debug({ type }, 'domain event not understood by this node; ignored');
      return;
    }
    for (const handler of this.handlers) {
      try {
        handler(parsed.data);
      } catch (error) {
        this.logger.error({ err: error, type: parsed.data.type }, 'domain event handler failed');
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: `plenary-${this.app}-events`,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL) this.dispatch(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.lost(client, error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    if (this.connectedOnce) {
      this.logger.info('domain events: listening again');
      for (const handler of this.resumeHandlers) {
        try {
          handler();
        } catch (error) {
          this.logger.error({ err: error }, 'domain event resume handler failed');
        }
      }
    }
    this.connectedOnce = true;
  }

  private lost(client: Client, error: unknown): void {
    if (this.client !== null && this.client !== client) return;
    if (this.retryTimer || this.stopped) return;
    this.client = null;
    this.failures += 1;
    const ceiling = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(this.failures, 5));
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.logger.warn({ err: error, retryInMs: Math.round(delay) }, 'domain events: connection lost');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
