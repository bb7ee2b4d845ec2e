import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  AccessCache,
  AccessCaches,
  APP_CONFIG,
  personTag,
  publishDomainEvent,
  signInTag,
  type AppConfig,
} from '@plenary/server-core';
import { parse, serialize } from 'cookie';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthSessionEntity } from '../entities';
import type { Principal } from './principal';
import { newSecretToken, sha256 } from './secrets';

const TOUCH_INTERVAL_MS = 60_000;

/** A resolved sign-in session as the cache keeps it: the principal and when the session would lapse by itself. */
interface LiveSession {
  principal: Principal;
  /** The earlier of the absolute expiry and the idle timeout, from the row as read. */
  lapsesAt: number;
}

/** The live session behind a token hash: not revoked, within the absolute and the idle timeout. */
const RESOLVE_SQL = `
  SELECT s.id, s.person_id, p.name, p.email, s.last_seen_at, s.expires_at
    FROM auth_sessions s JOIN people p ON p.id = s.person_id
   WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
     AND s.last_seen_at > now() - make_interval(hours => $2::int)`;

/** Name of the session cookie: `__Host-` prefixed (and Secure) in production. */
export function sessionCookieName(config: Pick<AppConfig, 'NODE_ENV'>): string {
  return config.NODE_ENV === 'production' ? '__Host-plenary_session' : 'plenary_session';
}

/** Reads the session token from a Cookie header (HTTP requests and socket handshakes alike). */
export function sessionTokenFromCookieHeader(
  config: Pick<AppConfig, 'NODE_ENV'>,
  header: string | undefined,
): string | null {
  if (!header) return null;
  const token = parse(header)[sessionCookieName(config)];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

/**
 * Server-side sessions: a random 256-bit token in an httpOnly, SameSite=Lax cookie, its hash in PostgreSQL, idle
 * and absolute timeouts, revocable one by one or all at once. Shared by the api and the live service.
 */
@Injectable()
export class SessionService {
  private readonly cache: AccessCache<LiveSession>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() caches?: AccessCaches,
  ) {
    this.cache = caches?.create<LiveSession>('sign-in-session') ?? AccessCache.disabled();
  }

  async create(
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ token: string; cookie: string }> {
    const token = newSecretToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_ABSOLUTE_DAYS * 86_400_000);
    await manager.insert(AuthSessionEntity, {
      id: randomUUID(),
      personId,
      tokenHash: sha256(token),
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
    });
    return { token, cookie: this.cookie(token, expiresAt) };
  }

  cookie(token: string, expiresAt: Date): string {
    return serialize(sessionCookieName(this.config), token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      expires: expiresAt,
    });
  }

  clearedCookie(): string {
    return serialize(sessionCookieName(this.config), '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.NODE_ENV === 'production',
      path: '/',
      maxAge: 0,
    });
  }

  /**
   * The live principal behind a token: not revoked, within the absolute and the idle timeout. Served from the
   * access cache (ADR 0015) when this process heard every domain event since it read the row: a revocation
   * (`access.sessions-revoked`) drops the entry at once here and within milliseconds elsewhere.
   */
  async resolve(token: string | null): Promise<Principal | null> {
    if (!token) return null;
    const tokenHash = sha256(token);
    const session = await this.cache.get(
      tokenHash.toString('base64url'),
      () => this.load(tokenHash),
      ({ principal, lapsesAt }) => ({
        tags: [personTag(principal.personId), signInTag(principal.sessionId)],
        expiresAt: lapsesAt,
      }),
    );
    return session?.principal ?? null;
  }

  private async load(tokenHash: Buffer): Promise<LiveSession | null> {
    // A named statement: PostgreSQL parses and plans it once per connection instead of on every request. Every
    // authenticated request and socket handshake that misses the cache runs it (benchmark B4a).
    const { rows } = await this.pool.query<{
      id: string;
      person_id: string;
      name: string;
      email: string;
      last_seen_at: Date;
      expires_at: Date;
    }>({
      name: 'session_resolve_v2',
      text: RESOLVE_SQL,
      values: [tokenHash, this.config.SESSION_IDLE_HOURS],
    });
    const row = rows[0];
    if (!row) return null;
    let lastSeen = new Date(row.last_seen_at).getTime();
    if (Date.now() - lastSeen > TOUCH_INTERVAL_MS) {
      await this.dataSource.query('UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1', [row.id]);
      lastSeen = Date.now();
    }
    return {
      principal: { personId: row.person_id, sessionId: row.id, name: row.name, email: row.email },
      lapsesAt: Math.min(
        new Date(row.expires_at).getTime(),
        lastSeen + this.config.SESSION_IDLE_HOURS * 3_600_000,
      ),
    };
  }

  /**
   * Whether a sign-in session is live by the same rule as `resolve` (not revoked, within the absolute and the idle
   * timeout), for a process that holds the session's id rather than its token (the live service, per socket). It
   * counts as activity, like a request: the idle clock restarts (at most once a minute). Answers when the session
   * lapses by itself if nothing else happens, or null when it is not live.
   */
  async liveUntil(sessionId: string): Promise<number | null> {
    const rows = await this.dataSource.query<Array<{ last_seen_at: Date; expires_at: Date }>>(
      `SELECT last_seen_at, expires_at FROM auth_sessions
        WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(hours => $2::int)`,
      [sessionId, this.config.SESSION_IDLE_HOURS],
    );
    const row = rows[0];
    if (!row) return null;
    let lastSeen = new Date(row.last_seen_at).getTime();
    if (Date.now() - lastSeen > TOUCH_INTERVAL_MS) {
      await this.dataSource.query('UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1', [sessionId]);
      lastSeen = Date.now();
    }
    return Math.min(
      new Date(row.expires_at).getTime(),
      lastSeen + this.config.SESSION_IDLE_HOURS * 3_600_000,
    );
  }

  /** Which of these sign-in sessions are live by the rule of `resolve` (one query; a node re-checking its sockets). */
  async liveAmong(sessionIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM auth_sessions
        WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL AND expires_at > now()
          AND last_seen_at > now() - make_interval(hours => $2::int)`,
      [sessionIds, this.config.SESSION_IDLE_HOURS],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The pg pool under TypeORM, for named (prepared) statements TypeORM's `query` cannot send. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Ends one session; its sockets are disconnected (domain event `access.sessions-revoked`). */
  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[Array<{ person_id: string }>, number]>(
        'UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING person_id',
        [sessionId],
      );
      const row = rows[0];
      if (row)
        await publishDomainEvent(manager, {
          type: 'access.sessions-revoked',
          personId: row.person_id,
          sessionId,
        });
    });
  }

  /**
   * Ends every session of a person ("sign out everywhere", an organiser ending them, a ban). Returns how many. With
   * a transaction's manager, the sockets are disconnected when it commits.
   */
  async revokeAll(personId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const result = await manager.query<[unknown[], number]>(
      'UPDATE auth_sessions SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL',
      [personId],
    );
    // Sent even when nothing was open: a socket may outlive a session that ended by expiry.
    await publishDomainEvent(manager, { type: 'access.sessions-revoked', personId });
    return result[1];
  }
}
