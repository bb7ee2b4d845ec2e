import { Injectable } from '@nestjs/common';
import type { Role } from '@plenary/contracts';
import {
  AccountService,
  forbiddenRole,
  SessionService,
  unauthenticated,
  type Principal,
} from '@plenary/server-access';
import { AccessCaches, isAppException, personTag, signInTag, type AccessCache } from '@plenary/server-core';
import { ProgrammeException, SessionEntity, type EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';

/** What a person may do in one session. */
export interface SessionAccess {
  sessionId: string;
  eventId: string;
  roles: Role[];
  /** Moderators and organisers of the event moderate every session of it. */
  canModerate: boolean;
}

/**
 * How long a refusal is reused. Every socket event re-checks the sign-in session, the event membership (approved
 * registration or a staff-like role) and the roles. A grant is kept in the access cache (ADR 0015) until a domain
 * event about the person or the sign-in session drops it; a refusal is kept this long, so that a flood of events from
 * someone refused costs no more than one check per 2 s.
 */
export const REFUSAL_CACHE_MS = 2000;

const MODERATOR_ROLES: Role[] = ['moderator', 'organiser'];
const MAX_CACHED = 50_000;

interface Refusal {
  at: number;
  personId: string;
  error: unknown;
}

/** A grant and when the sign-in session behind it expires by itself. */
interface Grant {
  access: SessionAccess;
  sessionExpiresAt: number;
}

/** Membership and role checks for engagement events, on every event (grants cached, refusals for 2 s). */
@Injectable()
export class EngagementAccessService {
  private readonly events = new Map<string, EventEntity>();
  private readonly grants: AccessCache<Grant>;
  private readonly refusals = new Map<string, Refusal>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
    private readonly signIns: SessionService,
    caches: AccessCaches,
  ) {
    this.grants = caches.create<Grant>('engagement-access');
  }

  /** The person's access to the session; throws when the session is unknown or they may not take part. */
  async resolve(principal: Principal, sessionId: string): Promise<SessionAccess> {
    const key = `${principal.sessionId}:${sessionId}`;
    const now = Date.now();
    const refused = this.refusals.get(key);
    if (refused && now - refused.at < REFUSAL_CACHE_MS) throw refused.error;
    this.prune(now);
    // Concurrent events of the same sign-in session share one check (the cache shares loads in flight): under load a
    // check can take longer than the events arrive, and without this every event of a flood would start its own
    // (benchmarks B2 and B3).
    return this.grants
      .get(
        key,
        () => this.check(principal, sessionId),
        (grant) => ({
          tags: [personTag(principal.personId), signInTag(principal.sessionId)],
          expiresAt: grant.sessionExpiresAt,
        }),
      )
      .then(
        (grant) => {
          if (!grant) throw unauthenticated();
          return grant.access;
        },
        (error: unknown) => {
          // Refusals are remembered; an outage is not (PostgreSQL may be back on the next event).
          if (isAppException(error)) this.refusals.set(key, { at: now, personId: principal.personId, error });
          throw error;
        },
      );
  }

  /** Like `resolve`, and refuses anyone who is not a moderator or organiser of the event. */
  async requireModerator(principal: Principal, sessionId: string): Promise<SessionAccess> {
    const access = await this.resolve(principal, sessionId);
    if (!access.canModerate) throw forbiddenRole();
    return access;
  }

  /**
   * Forgets the person's cached checks: their access changed (a domain event from the api). The access caches hear
   * the same event, but the caller re-checks sockets at once and must not depend on which listener ran first.
   */
  forgetPerson(personId: string): void {
    this.grants.invalidate(personTag(personId));
    for (const [key, entry] of this.refusals) if (entry.personId === personId) this.refusals.delete(key);
  }

  /** The event a session belongs to (cached; sessions do not move between events). */
  async eventIdOf(sessionId: string): Promise<string> {
    return (await this.eventOf(sessionId)).id;
  }

  /** Forgets cached checks (tests, and after a role change made by this process). */
  clear(): void {
    this.grants.clear();
    this.refusals.clear();
  }

  private async check(principal: Principal, sessionId: string): Promise<Grant> {
    const event = await this.eventOf(sessionId);
    // The sign-in session's own rule (revoked, absolute and idle timeout), as every request applies it.
    const sessionExpiresAt = await this.signIns.liveUntil(principal.sessionId);
    if (sessionExpiresAt === null) throw unauthenticated();
    const { roles } = await this.accounts.sessionAccess(principal, event);
    return {
      access: {
        sessionId,
        eventId: event.id,
        roles,
        canModerate: roles.some((role) => MODERATOR_ROLES.includes(role)),
      },
      sessionExpiresAt,
    };
  }

  private async eventOf(sessionId: string): Promise<EventEntity> {
    const known = this.events.get(sessionId);
    if (known) return known;
    const session = await this.dataSource
      .getRepository(SessionEntity)
      .findOne({ where: { id: sessionId }, relations: { event: true } });
    if (!session?.event) throw ProgrammeException.sessionNotFound();
    if (this.events.size > MAX_CACHED) this.events.clear();
    this.events.set(sessionId, session.event);
    return session.event;
  }

  private prune(now: number): void {
    if (this.refusals.size < MAX_CACHED) return;
    for (const [key, entry] of this.refusals)
      if (now - entry.at >= REFUSAL_CACHE_MS) this.refusals.delete(key);
  }
}
