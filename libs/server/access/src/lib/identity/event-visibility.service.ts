import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { ProgrammeException, ProgrammeService, type EventEntity } from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';
import { PlatformAdminService } from './platform-admin.service';
import type { Principal } from './principal';
import { RoleService } from './role.service';
import { SessionService, sessionTokenFromCookieHeader } from './session.service';

/**
 * Who may see an event: published and archived events are public; a draft only to its organisers and the instance
 * administrators — to everyone else it does not exist (`programme/event-not-found`, as for an unknown slug).
 */
@Injectable()
export class EventVisibilityService {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly sessions: SessionService,
    private readonly roles: RoleService,
    private readonly admins: PlatformAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The person signed in on this request, if any (resolved from the cookie when no guard did it yet). */
  async viewerOf(request: FastifyRequest): Promise<Principal | null> {
    if (request.principal) return request.principal;
    const principal = await this.sessions.resolve(
      sessionTokenFromCookieHeader(this.config, request.headers.cookie),
    );
    if (principal) request.principal = principal;
    return principal;
  }

  /** Whether the person runs the event: one of its organisers, or an instance administrator. */
  async isTeam(personId: string, eventId: string): Promise<boolean> {
    const roles = await this.roles.rolesOf(personId, eventId);
    return roles.includes('organiser') || (await this.admins.isAdmin(personId));
  }

  /** Whether the requester may see an event of this status. */
  async maySee(request: FastifyRequest, event: Pick<EventEntity, 'id' | 'status'>): Promise<boolean> {
    if (event.status !== 'draft') return true;
    const viewer = await this.viewerOf(request);
    return viewer !== null && (await this.isTeam(viewer.personId, event.id));
  }

  /** The event of `slug` if the requester may see it, else `programme/event-not-found`. */
  async requireVisible(slug: string, request: FastifyRequest): Promise<EventEntity> {
    const event = await this.programme.requireEvent(slug);
    if (!(await this.maySee(request, event))) throw ProgrammeException.eventNotFound(slug);
    return event;
  }
}
