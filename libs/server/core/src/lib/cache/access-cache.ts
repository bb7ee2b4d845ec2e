import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DomainEvent } from '@plenary/contracts';
import { Counter } from 'prom-client';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { DomainEventListener } from '../domain-events/domain-event.listener';
import { onDomainEventPublished } from '../domain-events/publish-domain-event';
import { MetricsService } from '../metrics/metrics.service';

/** What a cached value depends on (`personTag`, `sessionTag`, `signInTag`) and, optionally, when it goes bad. */
export interface CacheEntryInfo {
  tags: readonly string[];
  /** Epoch milliseconds after which the value is wrong whatever happens (e.g. a sign-in session's expiry). */
  expiresAt?: number;
}

export type CacheLookup = 'hit' | 'miss' | 'bypass';

interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: readonly string[];
}

/** Everything cached about a person: sessions, roles, registration, bans, stage status. */
export const personTag = (personId: string): string => `person:${personId}`;
/** Everything cached about a programme session (its state, its stage). */
export const sessionTag = (sessionId: string): string => `session:${sessionId}`;
/** One sign-in session. */
export const signInTag = (signInSessionId: string): string => `signin:${signInSessionId}`;

/** The cache tags a domain event makes stale: the person or session it names. */
export function staleTagsOf(event: DomainEvent): string[] {
  switch (event.type) {
    case 'access.sessions-revoked':
      return [event.sessionId ? signInTag(event.sessionId) : personTag(event.personId)];
    case 'access.registration-changed':
    case 'access.ticket-reissued':
    case 'access.roles-changed':
    case 'media.ban-changed':
    case 'media.hand-changed':
      return [personTag(event.personId)];
    case 'media.stage-changed':
    case 'engagement.session-closed':
      return [sessionTag(event.sessionId)];
    case 'programme.changed':
      // A session's programme change (cancelled, moved) can change what its media access allows.
      return event.sessionIds.map(sessionTag);
    case 'checkin.admitted':
    case 'checkin.undone':
      return [];
  }
}

/**
 * A read-through cache of access facts, kept correct by domain events (ADR 0015). Entries carry tags; an event
 * naming a person or session deletes the entries tagged with it. A load that was in flight when anything was
 * invalidated is returned to those who asked but not stored, nor shared with later callers (it may have read the old
 * state). Nothing is read from or written to it
 * while `usable()` is false (the process does not hear domain events). `null` (nothing found) is never cached.
 * Entries live at most `ttlMs`: the bound on staleness should a notification be lost while the connection looks
 * healthy. Oldest entries go first beyond `maxEntries`.
 */
export class AccessCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  /** Loads in flight by key, with the generation they started in. */
  private readonly loading = new Map<string, { generation: number; promise: Promise<V | null> }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly usable: () => boolean,
    private readonly counted: (lookup: CacheLookup) => void = () => undefined,
  ) {}

  /** A cache that never keeps anything (services built outside Nest, e.g. in test set-ups). */
  static disabled<V>(): AccessCache<V> {
    return new AccessCache<V>(0, 0, () => false);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value for `key`: stored, or loaded. Callers asking for the same key while a load is in flight share it (a
   * page's parallel requests, a flood of socket events), unless something was invalidated since it started.
   */
  get(key: string, load: () => Promise<V | null>, describe: (value: V) => CacheEntryInfo): Promise<V | null> {
    const caching = this.ttlMs > 0 && this.usable();
    if (caching) {
      const entry = this.entries.get(key);
      if (entry && entry.expiresAt > Date.now()) {
        this.counted('hit');
        return Promise.resolve(entry.value);
      }
      if (entry) this.delete(key);
    }
    this.counted(caching ? 'miss' : 'bypass');
    const inFlight = this.loading.get(key);
    if (inFlight && inFlight.generation === this.generation) return inFlight.promise;
    const generation = this.generation;
    const promise = load().then((value) => {
      if (value !== null && caching && generation === this.generation && this.usable())
        this.store(key, value, describe(value));
      return value;
    });
    const loading = { generation, promise };
    this.loading.set(key, loading);
    const settled = (): void => {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    };
    promise.then(settled, settled);
    return promise;
  }

  /** Drops every entry tagged `tag`; loads in flight are not stored. */
  invalidate(tag: string): void {
    this.generation += 1;
    const keys = this.keysByTag.get(tag);
    if (!keys) return;
    for (const key of [...keys]) this.delete(key);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.keysByTag.clear();
  }

  private store(key: string, value: V, info: CacheEntryInfo): void {
    const now = Date.now();
    const expiresAt = Math.min(now + this.ttlMs, info.expiresAt ?? Number.POSITIVE_INFINITY);
    if (expiresAt <= now) return;
    this.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt, tags: info.tags });
    for (const tag of info.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}

/**
 * The process's access caches and what keeps them true: the domain events this process publishes (at once) and
 * those every process publishes (through the `LISTEN` connection). While that connection is down the caches are
 * bypassed; when it is back they start empty, because events sent meanwhile were missed. `ACCESS_CACHE_SECONDS=0`
 * turns caching off (and the listener is not started for it).
 */
@Injectable()
export class AccessCaches implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly caches: Array<AccessCache<unknown>> = [];
  private readonly unsubscribe: Array<() => void> = [];
  private readonly lookups: Counter<'cache' | 'result'>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly listener: DomainEventListener,
    metrics: MetricsService,
  ) {
    this.lookups = new Counter({
      name: 'plenary_access_cache_lookups_total',
      help: 'Access cache lookups by cache and result (hit, miss, bypass while domain events are not heard)',
      labelNames: ['cache', 'result'] as const,
      registers: [metrics.registry],
    });
  }

  get enabled(): boolean {
    return this.config.ACCESS_CACHE_SECONDS > 0;
  }

  /** A new cache named `name` (the metrics label), kept by this process. */
  create<V>(name: string, maxEntries = 100_000): AccessCache<V> {
    const counters = {
      hit: this.lookups.labels(name, 'hit'),
      miss: this.lookups.labels(name, 'miss'),
      bypass: this.lookups.labels(name, 'bypass'),
    };
    const cache = new AccessCache<V>(
      this.config.ACCESS_CACHE_SECONDS * 1000,
      maxEntries,
      () => this.listener.listening,
      (lookup) => counters[lookup].inc(),
    );
    this.caches.push(cache);
    return cache;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.unsubscribe.push(
      onDomainEventPublished((event) => this.apply(event)),
      this.listener.subscribe((event) => this.apply(event)),
      this.listener.onResume(() => this.clear()),
    );
    await this.listener.start({ required: false });
  }

  onApplicationShutdown(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.clear();
  }

  apply(event: DomainEvent): void {
    for (const tag of staleTagsOf(event)) for (const cache of this.caches) cache.invalidate(tag);
  }

  clear(): void {
    for (const cache of this.caches) cache.clear();
  }
}
