import { Injectable } from '@nestjs/common';
import type { MediaBanList, MediaRoom } from '@plenary/contracts';
import { AuditService, RoleService, SessionService, type Principal } from '@plenary/server-access';
import { publishDomainEvent } from '@plenary/server-core';
import { ProgrammeException, type EventEntity } from '@plenary/server-programme';
import { DataSource, type EntityManager } from 'typeorm';
import { MediaIdentityService, participantNotFound } from '../identity/media-identity.service';
import { LiveKitGateway } from '../livekit/livekit.gateway';
import { liveKitFailure, MediaException } from '../media.exception';
import { MediaRepository } from '../media.repository';
import { mediaRoleOf, participantMetadata, roomName } from '../token/media-grants';
import { publishHandChanged } from './stage-events';

/**
 * Moderator actions on participants: demote, mute a track, remove, ban. LiveKit failures reach the moderator as
 * coded errors (`media/livekit-unavailable`, `media/participant-not-connected`); every action is audited.
 */
@Injectable()
export class StageModerationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MediaRepository,
    private readonly identities: MediaIdentityService,
    private readonly livekit: LiveKitGateway,
    private readonly audit: AuditService,
    private readonly roles: RoleService,
    private readonly sessions: SessionService,
  ) {}

  /** Revokes publishing in the main room (LiveKit unpublishes the tracks) and takes the person off the stage. */
  async demote(event: EventEntity, sessionId: string, actor: Principal, identity: string): Promise<void> {
    const personId = this.identities.requirePersonId(event.id, identity);
    const role = mediaRoleOf(await this.roles.rolesOf(personId, event.id));
    await this.dataSource.transaction(async (manager) => {
      await this.requireSession(manager, event, sessionId);
      const previous = await this.repository.deleteHand(manager, sessionId, personId);
      try {
        await this.livekit.updateParticipant(roomName(sessionId, 'main'), identity, {
          metadata: participantMetadata(role, false),
          permission: {
            canSubscribe: true,
            canPublish: false,
            canPublishSources: [],
            canPublishData: false,
            canUpdateMetadata: false,
            hidden: role === 'staff',
          },
        });
      } catch (error) {
        throw liveKitFailure(error);
      }
      await this.record(manager, event, actor, 'media.demote', personId, { sessionId });
      if (previous) await publishHandChanged(manager, event.id, sessionId, personId, null);
    });
  }

  async mute(
    event: EventEntity,
    sessionId: string,
    actor: Principal,
    input: { identity: string; trackSid: string; muted: boolean; room: MediaRoom },
  ): Promise<void> {
    const personId = this.identities.requirePersonId(event.id, input.identity);
    await this.dataSource.transaction(async (manager) => {
      await this.requireSession(manager, event, sessionId);
      try {
        await this.livekit.mutePublishedTrack(
          roomName(sessionId, input.room),
          input.identity,
          input.trackSid,
          input.muted,
        );
      } catch (error) {
        throw liveKitFailure(error);
      }
      await this.record(manager, event, actor, input.muted ? 'media.mute' : 'media.unmute', personId, {
        sessionId,
        room: input.room,
        trackSid: input.trackSid,
      });
    });
  }

  /** Disconnects the participant from a room; they may come back with a new token (a ban prevents that). */
  async remove(
    event: EventEntity,
    sessionId: string,
    actor: Principal,
    input: { identity: string; room: MediaRoom },
  ): Promise<void> {
    const personId = this.identities.requirePersonId(event.id, input.identity);
    await this.dataSource.transaction(async (manager) => {
      await this.requireSession(manager, event, sessionId);
      try {
        await this.livekit.removeParticipant(roomName(sessionId, input.room), input.identity);
      } catch (error) {
        throw liveKitFailure(error);
      }
      if (await this.repository.deleteHand(manager, sessionId, personId)) {
        await publishHandChanged(manager, event.id, sessionId, personId, null);
      }
      await this.record(manager, event, actor, 'media.remove', personId, { sessionId, room: input.room });
    });
  }

  /**
   * Bans a participant from the event's media: no new tokens, hands dropped, every sign-in session of the person
   * ended, then removed from both rooms of this session. The ban is committed before LiveKit is called; if LiveKit
   * fails the error says `banned: true` and banning again retries the removal.
   */
  async ban(
    event: EventEntity,
    sessionId: string,
    actor: Principal,
    input: { identity: string; reason?: string | undefined },
  ): Promise<void> {
    const personId = this.identities.requirePersonId(event.id, input.identity);
    if (!(await this.repository.personName(personId))) throw participantNotFound();
    const roles = await this.roles.rolesOf(personId, event.id);
    if (personId === actor.personId || mediaRoleOf(roles) === 'moderator') {
      throw new MediaException(
        'media/protected-participant',
        'Moderators and organisers cannot be banned from the stage.',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      await this.requireSession(manager, event, sessionId);
      const created = await this.repository.insertBan(manager, {
        eventId: event.id,
        personId,
        sessionId,
        bannedBy: actor.personId,
        reason: input.reason ?? null,
      });
      const ended = await this.sessions.revokeAll(personId, manager);
      const lowered = await this.repository.deleteHandsOfPersonInEvent(manager, event.id, personId);
      for (const session of lowered) await publishHandChanged(manager, event.id, session, personId, null);
      if (created) {
        await publishDomainEvent(manager, {
          type: 'media.ban-changed',
          eventId: event.id,
          personId,
          banned: true,
        });
        await this.record(manager, event, actor, 'media.ban', personId, {
          sessionId,
          sessionsEnded: ended,
          ...(input.reason ? { reason: input.reason } : {}),
        });
      }
    });
    try {
      await this.livekit.removeParticipantIfPresent(roomName(sessionId, 'main'), input.identity);
      await this.livekit.removeParticipantIfPresent(roomName(sessionId, 'backstage'), input.identity);
    } catch (error) {
      throw liveKitFailure(error, { banned: true });
    }
  }

  async unban(event: EventEntity, actor: Principal, identity: string): Promise<void> {
    const personId = this.identities.requirePersonId(event.id, identity);
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.deleteBan(manager, event.id, personId))) throw participantNotFound();
      await publishDomainEvent(manager, {
        type: 'media.ban-changed',
        eventId: event.id,
        personId,
        banned: false,
      });
      await this.record(manager, event, actor, 'media.unban', personId);
    });
  }

  async bans(event: EventEntity): Promise<MediaBanList> {
    const rows = await this.repository.bans(event.id);
    return {
      bans: rows.map((row) => ({
        identity: this.identities.identityOf(event.id, row.personId),
        name: row.name,
        sessionId: row.sessionId,
        reason: row.reason,
        bannedAt: row.createdAt.toISOString(),
      })),
    };
  }

  private async requireSession(manager: EntityManager, event: EventEntity, sessionId: string): Promise<void> {
    if (!(await this.repository.stage(manager, event.id, sessionId)))
      throw ProgrammeException.sessionNotFound();
  }

  private record(
    manager: EntityManager,
    event: EventEntity,
    actor: Principal,
    action: string,
    targetId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      eventId: event.id,
      actorId: actor.personId,
      action,
      targetId,
      details,
    });
  }
}
