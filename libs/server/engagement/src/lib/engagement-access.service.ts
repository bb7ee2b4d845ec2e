import { Injectable } from '@nestjs/common';
import type { Role } from '@plenary/contracts';
import { AccountService, forbiddenRole, unauthenticated, type Principal } from '@plenary/server-access';
import { ProgrammeException, SessionEntity, type EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';

/** What a person may do in one session, as checked at most `ACCESS_CACHE_MS` ago. */
export interface SessionAccess {
  sessionId: string;
  eventId: string;
  roles: Role[];
  /** Moderators and organisers of the event moderate every session of it. */
  canModerate: boolean;
}

/**
 * How long a membership check is reused. Every socket event re-checks the sign-in session, the event membership
 * (approved registration or a staff-like role) and the roles; a result (granted or refused) is cached this long per
 * sign-in session and engagement session, so a flood costs no more than one check per 2 s.
 */
export const ACCESS_CACHE_MS = 2000;

const MODERATOR_ROLES: Role[] = ['moderator', 'organiser'];
const MAX_CACHED = 50_000;

type Cached = { at: number; personId: string } & ({ access: SessionAccess } | { error: unknown });

/** Membership and role checks for engagement events, on every event (with a 2 s cache). */
@Injectable()
export class EngagementAccessService {
  private readonly events = new Map<string, EventEntity>();
  private readonly cache = new Map<string, Cached>();
  /** Checks in flight, by the same key as `cache`. */
  private readonly running = new Map<string, Promise<SessionAccess>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountService,
  ) {}

  /** The person's access to the session; throws when the session is unknown or they may not take part. */
  async resolve(principal: Principal, sessionId: string): Promise<SessionAccess> {
    const key = `${principal.sessionId}:${sessionId}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < ACCESS_CACHE_MS) {
      if ('error' in cached) throw cached.error;
      return cached.access;
    }
    // Concurrent events of the same sign-in session share one check: under load a check can take longer than the
    // events arrive, and without this every event of the flood would start its own (benchmarks B2 and B3).
    const running = this.running.get(key);
    if (running) return running;
    this.prune(now);
    const check = this.check(principal, sessionId).then(
      (access) => {
        this.cache.set(key, { at: now, personId: principal.personId, access });
        return access;
      },
      (error: unknown) => {
        this.cache.set(key, { at: now, personId: principal.personId, error });
        throw error;
      },
    );
    this.running.set(key, check);
    const forget = (): void => {
      if (this.running.get(key) === check) this.running.delete(key);
    };
    check.then(forget, forget);
    return check;
  }

  /** Like `resolve`, and refuses anyone who is not a moderator or organiser of the event. */
  async requireModerator(principal: Principal, sessionId: string): Promise<SessionAccess> {
    const access = await this.resolve(principal, sessionId);
    if (!access.canModerate) throw forbiddenRole();
    return access;
  }

  /** Forgets the person's cached checks: their access changed (a domain event from the api). */
  forgetPerson(personId: string): void {
    for (const [key, entry] of this.cache) if (entry.personId === personId) this.cache.delete(key);
  }

  /** The event a session belongs to (cached; sessions do not move between events). */
  async eventIdOf(sessionId: string): Promise<string> {
    return (await this.eventOf(sessionId)).id;
  }

  /** Forgets cached checks (tests, and after a role change made by this process). */
  clear(): void {
    this.cache.clear();
    this.running.clear();
  }

  private async check(principal: Principal, sessionId: string): Promise<SessionAccess> {
    const event = await this.eventOf(sessionId);
    const rows = await this.dataSource.query<Array<{ ok: boolean }>>(
      'SELECT (revoked_at IS NULL AND expires_at > now()) AS ok FROM auth_sessions WHERE id = $1',
      [principal.sessionId],
    );
    if (!rows[0]?.ok) throw unauthenticated();
    const { roles } = await this.accounts.sessionAccess(principal, event);
    return {
      sessionId,
      eventId: event.id,
      roles,
      canModerate: roles.some((role) => MODERATOR_ROLES.includes(role)),
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
    if (this.cache.size < MAX_CACHED) return;
    for (const [key, entry] of this.cache) if (now - entry.at >= ACCESS_CACHE_MS) this.cache.delete(key);
  }
}
