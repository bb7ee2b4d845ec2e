import { Inject, Injectable, Optional } from '@nestjs/common';
import type {
  EventOrganiserList,
  EventStatus,
  ManagedEvent,
  ManagedEventList,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  ProgrammeEditorView,
  ProgrammeWarning,
  appointOrganiserRequestSchema,
} from '@plenary/contracts';
import {
  AccessException,
  AuditService,
  InvitationService,
  PlatformAdminService,
  RegistrationService,
  RoleService,
  type Principal,
} from '@plenary/server-access';
import { LOGGER, RateLimitService, type RateLimitRule } from '@plenary/server-core';
import type { Logger } from 'pino';
import {
  ProgrammeService,
  ProgrammeWriter,
  type Change,
  type CreateEventInput,
  type CreateRoomInput,
  type CreateSessionInput,
  type CreateSpeakerInput,
  type DuplicateEventInput,
  type EventEntity,
  type SessionWrite,
  type UpdateEventInput,
  type UpdateRoomInput,
  type UpdateSessionInput,
  type UpdateSpeakerInput,
} from '@plenary/server-programme';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { SESSION_ACTIVITY_SOURCES, type SessionActivitySource } from './session-activity';
import {
  SESSION_CANCELLATION_HANDLERS,
  type AfterCommit,
  type SessionCancellationHandler,
} from './session-cancellation';

/** Programme and event writes per person: generous for an editor dragging sessions, a wall for a runaway script. */
export const PROGRAMME_WRITE_LIMIT: RateLimitRule = { points: 300, seconds: 60 };

/**
 * Event administration and the programme editor: each write is one transaction that runs the programme context's
 * rules (`ProgrammeWriter`) and records what changed in the audit log, after the per-person rate limit. Who may call
 * what is decided by the guards of the controllers (instance administrators, the event's organisers).
 */
@Injectable()
export class OrganisingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly writer: ProgrammeWriter,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
    private readonly roles: RoleService,
    private readonly admins: PlatformAdminService,
    private readonly registrations: RegistrationService,
    private readonly invitations: InvitationService,
    @Optional() @Inject(SESSION_ACTIVITY_SOURCES) private readonly activity: SessionActivitySource[] = [],
    @Optional()
    @Inject(SESSION_CANCELLATION_HANDLERS)
    private readonly closers: SessionCancellationHandler[] = [],
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  /** Rate limit, then the change and its audit entries in one transaction. */
  private async run<T>(
    actor: Principal,
    eventId: string | null,
    work: (manager: EntityManager) => Promise<Change<T>>,
  ): Promise<T> {
    await this.limits.consume('programme-write', PROGRAMME_WRITE_LIMIT, actor.personId);
    return this.dataSource.transaction(async (manager) => {
      const change = await work(manager);
      for (const entry of change.audit) {
        await this.audit.record(manager, {
          eventId: eventId ?? entry.targetId,
          actorId: actor.personId,
          action: entry.action,
          targetId: entry.targetId,
          details: entry.details,
        });
      }
      return change.value;
    });
  }

  // Events --------------------------------------------------------------------------------------------------------

  createEvent(actor: Principal, input: CreateEventInput): Promise<ManagedEvent> {
    return this.run(actor, null, (manager) => this.writer.createEvent(manager, input));
  }

  /** Every event for an instance administrator; the events they organise for anyone else. */
  async manageableEvents(actor: Principal): Promise<ManagedEventList> {
    if (await this.admins.isAdmin(actor.personId)) return this.programme.listManagedEvents(null);
    return this.programme.listManagedEvents(await this.roles.eventsWhere(actor.personId, 'organiser'));
  }

  managedEvent(event: EventEntity): Promise<ManagedEvent> {
    return this.programme.managedEvent(event);
  }

  updateEvent(
    actor: Principal,
    event: EventEntity,
    version: number,
    patch: UpdateEventInput,
  ): Promise<ManagedEvent> {
    return this.run(actor, event.id, (manager) => this.writer.updateEvent(manager, event.id, version, patch));
  }

  changeStatus(actor: Principal, event: EventEntity, status: EventStatus): Promise<ManagedEvent> {
    return this.run(actor, event.id, async (manager) => {
      const registered = status === 'draft' && (await this.registrations.hasRegistrations(manager, event.id));
      return this.writer.changeStatus(manager, event.id, status, { registered });
    });
  }

  /**
   * A new draft edition: the programme context copies the event and its programme; its registration settings and
   * its organisers come along (nobody's registration does).
   */
  duplicateEvent(actor: Principal, event: EventEntity, input: DuplicateEventInput): Promise<ManagedEvent> {
    return this.run(actor, null, async (manager) => {
      const change = await this.writer.duplicateEvent(manager, event.id, input);
      const copy = change.value.id;
      await this.registrations.copySettings(manager, event.id, copy);
      for (const organiser of await this.roles.holders(event.id, 'organiser'))
        await this.roles.grant(manager, copy, organiser.personId, 'organiser', actor.personId);
      return change;
    });
  }

  async organisers(event: EventEntity): Promise<EventOrganiserList> {
    const holders = await this.roles.holders(event.id, 'organiser');
    return {
      organisers: holders.map((holder) => ({
        personId: holder.personId,
        name: holder.name,
        email: holder.email,
        appointedAt: holder.grantedAt.toISOString(),
      })),
    };
  }

  /** Makes the person with this address an organiser (creating the person if new) and sends the invitation mail. */
  async appointOrganiser(
    actor: Principal,
    event: EventEntity,
    input: z.output<typeof appointOrganiserRequestSchema>,
  ): Promise<EventOrganiserList> {
    await this.limits.consume('programme-write', PROGRAMME_WRITE_LIMIT, actor.personId);
    await this.invitations.invite(
      event,
      [
        {
          email: input.email,
          name: input.name ?? input.email.split('@')[0] ?? input.email,
          role: 'organiser',
        },
      ],
      actor.personId,
    );
    return this.organisers(event);
  }

  removeOrganiser(actor: Principal, event: EventEntity, personId: string): Promise<null> {
    return this.run(actor, event.id, async (manager) => {
      if (!(await this.roles.revoke(manager, event.id, personId, 'organiser')))
        throw new AccessException('identity/role-not-held', 'This person is not an organiser of this event.');
      return {
        value: null,
        audit: [{ action: 'organiser.remove', targetId: personId, details: { role: 'organiser' } }],
      };
    });
  }

  // The programme editor ------------------------------------------------------------------------------------------

  editorView(event: EventEntity): Promise<ProgrammeEditorView> {
    return this.programme.editorView(event);
  }

  warnings(event: EventEntity): Promise<ProgrammeWarning[]> {
    return this.programme.warnings(event);
  }

  listRooms(event: EventEntity): Promise<ManagedRoom[]> {
    return this.programme.listManagedRooms(event);
  }

  room(event: EventEntity, roomId: string): Promise<ManagedRoom> {
    return this.programme.managedRoom(event, roomId);
  }

  createRoom(actor: Principal, event: EventEntity, input: CreateRoomInput): Promise<ManagedRoom> {
    return this.run(actor, event.id, (manager) => this.writer.createRoom(manager, event.id, input));
  }

  updateRoom(
    actor: Principal,
    event: EventEntity,
    roomId: string,
    version: number,
    patch: UpdateRoomInput,
  ): Promise<ManagedRoom> {
    return this.run(actor, event.id, (manager) =>
      this.writer.updateRoom(manager, event.id, roomId, version, patch),
    );
  }

  deleteRoom(actor: Principal, event: EventEntity, roomId: string): Promise<null> {
    return this.run(actor, event.id, (manager) => this.writer.deleteRoom(manager, event.id, roomId));
  }

  listSpeakers(event: EventEntity): Promise<ManagedSpeaker[]> {
    return this.programme.listManagedSpeakers(event);
  }

  speaker(event: EventEntity, speakerId: string): Promise<ManagedSpeaker> {
    return this.programme.managedSpeaker(event, speakerId);
  }

  createSpeaker(actor: Principal, event: EventEntity, input: CreateSpeakerInput): Promise<ManagedSpeaker> {
    return this.run(actor, event.id, (manager) => this.writer.createSpeaker(manager, event.id, input));
  }

  updateSpeaker(
    actor: Principal,
    event: EventEntity,
    speakerId: string,
    version: number,
    patch: UpdateSpeakerInput,
  ): Promise<ManagedSpeaker> {
    return this.run(actor, event.id, (manager) =>
      this.writer.updateSpeaker(manager, event.id, speakerId, version, patch),
    );
  }

  deleteSpeaker(actor: Principal, event: EventEntity, speakerId: string): Promise<null> {
    return this.run(actor, event.id, (manager) => this.writer.deleteSpeaker(manager, event.id, speakerId));
  }

  listSessions(event: EventEntity): Promise<ManagedSession[]> {
    return this.programme.listManagedSessions(event);
  }

  session(event: EventEntity, sessionId: string): Promise<ManagedSession> {
    return this.programme.managedSession(event, sessionId);
  }

  createSession(actor: Principal, event: EventEntity, input: CreateSessionInput): Promise<SessionWrite> {
    return this.run(actor, event.id, (manager) => this.writer.createSession(manager, event.id, input));
  }

  updateSession(
    actor: Principal,
    event: EventEntity,
    sessionId: string,
    version: number,
    patch: UpdateSessionInput,
  ): Promise<SessionWrite> {
    const write = (manager: EntityManager) =>
      this.writer.updateSession(manager, event.id, sessionId, version, patch);
    // Cancelling through the editor closes the session's live parts like the cancel action does.
    if (patch.cancelled === true) return this.runClosing(actor, event.id, sessionId, write);
    return this.run(actor, event.id, write);
  }

  /** Cancels a session: it stays listed as cancelled; its polls and Q&A close and its stage ends (issue #12). */
  cancelSession(actor: Principal, event: EventEntity, sessionId: string): Promise<SessionWrite> {
    return this.runClosing(actor, event.id, sessionId, (manager) =>
      this.writer.cancelSession(manager, event.id, sessionId),
    );
  }

  /**
   * A write that cancels a session: the bound contexts close what runs in it in the same transaction, before the
   * programme's row (their lock order); what they leave for after the commit (LiveKit) runs then, failures logged.
   */
  private async runClosing<T>(
    actor: Principal,
    eventId: string,
    sessionId: string,
    work: (manager: EntityManager) => Promise<Change<T>>,
  ): Promise<T> {
    const after: AfterCommit[] = [];
    const value = await this.run(actor, eventId, async (manager) => {
      for (const closer of this.closers) {
        const task = await closer.closeSession(manager, eventId, sessionId);
        if (task) after.push(task);
      }
      return work(manager);
    });
    for (const task of after) {
      try {
        await task();
      } catch (error) {
        this.logger?.warn({ err: error, sessionId }, 'cancelled session: closing after commit failed');
      }
    }
    return value;
  }

  /** Deletes a session nobody used: no questions, polls, video or page attendance (else 409: cancel it). */
  deleteSession(actor: Principal, event: EventEntity, sessionId: string): Promise<null> {
    return this.run(actor, event.id, (manager) =>
      this.writer.deleteSession(manager, event.id, sessionId, async (tx, id) => {
        for (const source of this.activity) if (await source.hasActivity(tx, id)) return true;
        return false;
      }),
    );
  }
}
