import { Inject, Injectable } from '@nestjs/common';
import type { AgendaFeed, MyAgenda, SessionStar } from '@plenary/contracts';
import {
  AccessException,
  AccountService,
  AgendaFeedEntity,
  EventVisibilityService,
  PlatformAdminService,
  SessionStarEntity,
  type Principal,
} from '@plenary/server-access';
import {
  APP_CONFIG,
  CoreException,
  RateLimitService,
  type AppConfig,
  type RateLimitRule,
} from '@plenary/server-core';
import { ProgrammeException, ProgrammeService, toSession, type EventEntity } from '@plenary/server-programme';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { buildCalendar } from './calendar.builder';

/** Stars and feed changes per person: generous for a person clicking through a programme, a wall for a script. */
export const AGENDA_WRITE_LIMIT: RateLimitRule = { points: 120, seconds: 60 };
/** Calendar files per client address (calendar apps poll a feed every few minutes at most). */
export const CALENDAR_READ_LIMIT: RateLimitRule = { points: 120, seconds: 60 };

const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest();

/** A calendar file as sent: its text and an ETag of its bytes. */
export interface CalendarFile {
  body: string;
  etag: string;
  filename: string;
}

function calendarFile(body: string, filename: string): CalendarFile {
  const digest = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  return { body, etag: `"ics-${digest}"`, filename };
}

/**
 * The personal agenda (starred sessions) and the calendar files: the public programme, one session, and each
 * person's private agenda feed. Who may star: the people who may see registered-only sessions — an approved
 * registration, a role in the event, or an instance administrator — in the room and online alike.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly accounts: AccountService,
    private readonly admins: PlatformAdminService,
    private readonly visibility: EventVisibilityService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws the access context's answer (`registration/not-registered`, `…/not-approved`) unless they may star. */
  private async requireAgendaHolder(principal: Principal, event: EventEntity): Promise<void> {
    if (await this.admins.isAdmin(principal.personId)) return;
    await this.accounts.sessionAccess(principal, event);
  }

  /** Whether the person sees registered-only abstracts (the same rule as the session page). */
  private async isRegistered(personId: string, event: EventEntity): Promise<boolean> {
    if (await this.admins.isAdmin(personId)) return true;
    try {
      // The feed has no sign-in session: the access rule only looks at the person.
      await this.accounts.sessionAccess({ personId, sessionId: '', name: '', email: '' }, event);
      return true;
    } catch (error) {
      if (error instanceof AccessException) return false;
      throw error;
    }
  }

  async star(
    principal: Principal,
    event: EventEntity,
    sessionId: string,
    starred: boolean,
  ): Promise<SessionStar> {
    await this.limits.consume('agenda-write', AGENDA_WRITE_LIMIT, principal.personId);
    await this.requireAgendaHolder(principal, event);
    if (starred) {
      // The session must be of this event; a session deleted meanwhile takes the star with it (cascade).
      await this.programme.getSession(event, sessionId);
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(SessionStarEntity)
        .values({ personId: principal.personId, sessionId, eventId: event.id })
        .orIgnore()
        .execute();
    } else {
      await this.dataSource
        .getRepository(SessionStarEntity)
        .delete({ personId: principal.personId, sessionId, eventId: event.id });
    }
    return { sessionId, starred };
  }

  private async starredIds(personId: string, eventId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(SessionStarEntity)
      .find({ where: { personId, eventId }, select: { sessionId: true } });
    return rows.map((row) => row.sessionId);
  }

  async myAgenda(principal: Principal, event: EventEntity): Promise<MyAgenda> {
    await this.requireAgendaHolder(principal, event);
    const ids = await this.starredIds(principal.personId, event.id);
    const sessions = ids.length === 0 ? [] : await this.programme.calendarSessions(event.id, ids);
    const feed = await this.dataSource
      .getRepository(AgendaFeedEntity)
      .findOneBy({ personId: principal.personId, eventId: event.id });
    return {
      eventSlug: event.slug,
      sessions: sessions.map((session) => toSession(session, event, { registered: true })),
      feed: feed ? { createdAt: feed.createdAt.toISOString() } : null,
    };
  }

  /** A new feed address; the previous one (if any) stops working in the same statement. */
  async createFeed(principal: Principal, event: EventEntity): Promise<AgendaFeed> {
    await this.limits.consume('agenda-write', AGENDA_WRITE_LIMIT, principal.personId);
    await this.requireAgendaHolder(principal, event);
    const token = randomBytes(32).toString('base64url');
    const [row] = await this.dataSource.query<Array<{ created_at: Date }>>(
      `INSERT INTO agenda_feeds (person_id, event_id, token_hash, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (person_id, event_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING created_at`,
      [principal.personId, event.id, hashToken(token)],
    );
    return {
      url: `${this.config.PUBLIC_URL.replace(/\/+$/, '')}/api/calendar/agenda/${token}.ics`,
      createdAt: (row?.created_at ?? new Date()).toISOString(),
    };
  }

  async revokeFeed(principal: Principal, event: EventEntity): Promise<void> {
    await this.limits.consume('agenda-write', AGENDA_WRITE_LIMIT, principal.personId);
    await this.dataSource
      .getRepository(AgendaFeedEntity)
      .delete({ personId: principal.personId, eventId: event.id });
  }

  // Calendar files ------------------------------------------------------------------------------------------------

  async eventCalendar(event: EventEntity, ip: string): Promise<CalendarFile> {
    await this.limits.consume('calendar-read', CALENDAR_READ_LIMIT, ip);
    const sessions = await this.programme.calendarSessions(event.id);
    const body = buildCalendar(event, sessions, {
      publicUrl: this.config.PUBLIC_URL,
      name: event.name,
      // One answer for everyone, like the event page: registered-only sessions without their abstract.
      view: { registered: false },
    });
    return calendarFile(body, `${event.slug}.ics`);
  }

  async sessionCalendar(
    event: EventEntity,
    sessionId: string,
    registered: boolean,
    ip: string,
  ): Promise<CalendarFile> {
    await this.limits.consume('calendar-read', CALENDAR_READ_LIMIT, ip);
    const [session] = await this.programme.calendarSessions(event.id, [sessionId]);
    if (!session) throw ProgrammeException.sessionNotFound();
    const body = buildCalendar(event, [session], {
      publicUrl: this.config.PUBLIC_URL,
      name: `${session.title} — ${event.shortName ?? event.name}`,
      view: { registered },
    });
    return calendarFile(body, `${event.slug}-session.ics`);
  }

  /**
   * The agenda feed of a token: the owner's starred sessions. An unknown, replaced or turned-off token, and a draft
   * event its owner is not on the team of, answer `core/not-found`; every attempt counts against the address.
   */
  async feedCalendar(token: string, ip: string): Promise<CalendarFile> {
    await this.limits.consume('calendar-feed', CALENDAR_READ_LIMIT, ip);
    const feed = await this.dataSource
      .getRepository(AgendaFeedEntity)
      .findOneBy({ tokenHash: hashToken(token) });
    const event = feed ? await this.programme.eventById(feed.eventId) : null;
    if (
      !feed ||
      !event ||
      (event.status === 'draft' && !(await this.visibility.isTeam(feed.personId, event.id)))
    )
      throw new CoreException('core/not-found', 'This calendar address is not (or no longer) valid.');
    const ids = await this.starredIds(feed.personId, event.id);
    const sessions = ids.length === 0 ? [] : await this.programme.calendarSessions(event.id, ids);
    const body = buildCalendar(event, sessions, {
      publicUrl: this.config.PUBLIC_URL,
      name: `My agenda — ${event.shortName ?? event.name}`,
      view: { registered: await this.isRegistered(feed.personId, event) },
      refreshMinutes: 60,
    });
    return calendarFile(body, `${event.slug}-agenda.ics`);
  }
}
