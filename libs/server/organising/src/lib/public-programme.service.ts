import { Injectable } from '@nestjs/common';
import type { EventList, EventListQuery, Session } from '@plenary/contracts';
import {
  AccessException,
  AccountService,
  EventVisibilityService,
  PlatformAdminService,
} from '@plenary/server-access';
import {
  ProgrammeException,
  ProgrammeService,
  type EventEntity,
  type EventPage,
} from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';
import { noneMatch } from './if-match';

/** The answer for the event page: the cached page, or "not modified" for the ETag the client holds. */
export type EventPageAnswer =
  | { kind: 'page'; page: EventPage; public: boolean }
  | { kind: 'not-modified'; etag: string; public: boolean };

/** Where the same path lives under the event's current slug (the first segment after `/events/`). */
function movedLocation(url: string, oldSlug: string, newSlug: string): string {
  return url.replace(`/events/${oldSlug}`, `/events/${newSlug}`);
}

/**
 * The public side of the programme: the list of published events, the event page (cached by programme version,
 * with ETag and 304) and one session. Drafts exist only for their team (`programme/event-not-found` for everyone
 * else); a slug the event had before answers 308 to the same path under its current slug.
 */
@Injectable()
export class PublicProgrammeService {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly visibility: EventVisibilityService,
    private readonly accounts: AccountService,
    private readonly admins: PlatformAdminService,
  ) {}

  listEvents(query: EventListQuery): Promise<EventList> {
    return this.programme.listEvents({ statuses: ['published'], when: query.when });
  }

  async eventPage(slug: string, request: FastifyRequest): Promise<EventPageAnswer> {
    const head = await this.programme.eventHead(slug);
    if (!head) return this.notFoundOrMoved(slug, request);
    if (!(await this.visibility.maySee(request, head))) throw ProgrammeException.eventNotFound(slug);
    const isPublic = head.status !== 'draft';
    const page = await this.programme.eventPage(head);
    if (noneMatch(request.headers['if-none-match'], page.etag))
      return { kind: 'not-modified', etag: page.etag, public: isPublic };
    return { kind: 'page', page, public: isPublic };
  }

  /** One session; a `registered` session's abstract only for registered people and the event's team. */
  async session(slug: string, sessionId: string, request: FastifyRequest): Promise<Session> {
    const event = await this.visibleEvent(slug, request);
    return this.programme.getSession(event, sessionId, {
      registered: await this.isRegistered(event, request),
    });
  }

  /** The event of `slug` as the requester may see it: a draft only for its team, an old slug answers 308. */
  async visibleEvent(slug: string, request: FastifyRequest): Promise<EventEntity> {
    const resolved = await this.programme.resolveSlug(slug);
    if (!resolved) throw ProgrammeException.eventNotFound(slug);
    if (!(await this.visibility.maySee(request, resolved.event)))
      throw ProgrammeException.eventNotFound(slug);
    if (resolved.moved)
      throw ProgrammeException.eventMoved(
        resolved.event.slug,
        movedLocation(request.url, slug, resolved.event.slug),
      );
    return resolved.event;
  }

  private async notFoundOrMoved(slug: string, request: FastifyRequest): Promise<never> {
    await this.visibleEvent(slug, request);
    // The slug was taken in the meantime: read again.
    throw ProgrammeException.eventNotFound(slug);
  }

  /** Whether the requester sees registered-only abstracts: registered, of the team, or an administrator. */
  async isRegistered(event: EventEntity, request: FastifyRequest): Promise<boolean> {
    const viewer = await this.visibility.viewerOf(request);
    if (!viewer) return false;
    if (await this.admins.isAdmin(viewer.personId)) return true;
    try {
      await this.accounts.sessionAccess(viewer, event);
      return true;
    } catch (error) {
      if (error instanceof AccessException) return false;
      throw error;
    }
  }
}
