import { Injectable } from '@nestjs/common';
import type { HandEntry, HandQueue, MyHand } from '@plenary/contracts';
import { AuditService, type Principal } from '@plenary/server-access';
import { RateLimitService, type RateLimitRule } from '@plenary/server-core';
import { ProgrammeException, type EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { MediaIdentityService, participantNotFound } from '../identity/media-identity.service';
import { LiveKitGateway } from '../livekit/livekit.gateway';
import { liveKitFailure, MediaException } from '../media.exception';
import { MediaRepository } from '../media.repository';
import {
  decideMediaAccess,
  GUEST_SOURCES,
  participantMetadata,
  roomName,
  type MediaAccessContext,
} from '../token/media-grants';
import { publishHandChanged } from './stage-events';
import { invalidTransition } from './stage.service';

/** Raising and lowering a hand, per person per minute. */
export const HAND_RATE_LIMIT: RateLimitRule = { points: 20, seconds: 60 };

/**
 * The raise-hand queue: an attendee raises a hand, a moderator invites, the attendee accepts and the server grants
 * publishing in LiveKit. Methods take plain values so the live service's socket handlers can call them as well.
 */
@Injectable()
export class StageQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MediaRepository,
    private readonly identities: MediaIdentityService,
    private readonly livekit: LiveKitGateway,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async myHand(principal: Principal, slug: string, sessionId: string): Promise<MyHand> {
    const context = await this.context(principal, slug, sessionId);
    if (!context.sessionId) throw ProgrammeException.sessionNotFound();
    return this.handOf(sessionId, principal);
  }

  /** Raises the person's hand in a live session they may watch (idempotent). */
  async raise(principal: Principal, slug: string, sessionId: string): Promise<MyHand> {
    await this.rateLimits.consume('media-hand', HAND_RATE_LIMIT, principal.personId);
    const context = await this.context(principal, slug, sessionId);
    decideMediaAccess(context, 'main');
    await this.dataSource.transaction(async (manager) => {
      if (await this.repository.raiseHand(manager, sessionId, principal.personId)) {
        await publishHandChanged(manager, context.eventId, sessionId, principal.personId, 'raised');
      }
    });
    return this.handOf(sessionId, principal);
  }

  /** Lowers a raised hand or declines an invitation. Someone already on stage stays there until demoted. */
  async lower(principal: Principal, slug: string, sessionId: string): Promise<MyHand> {
    await this.rateLimits.consume('media-hand', HAND_RATE_LIMIT, principal.personId);
    const context = await this.context(principal, slug, sessionId);
    if (!context.sessionId) throw ProgrammeException.sessionNotFound();
    await this.dataSource.transaction(async (manager) => {
      const lowered = await this.repository.deleteHand(manager, sessionId, principal.personId, [
        'raised',
        'invited',
      ]);
      if (lowered) await publishHandChanged(manager, context.eventId, sessionId, principal.personId, null);
    });
    return this.handOf(sessionId, principal);
  }

  /**
   * Accepts a moderator's invitation: LiveKit grants camera and microphone to the person's connection in the main
   * room, then the hand becomes `on_stage`. Fails (and changes nothing) when LiveKit does.
   */
  async accept(principal: Principal, slug: string, sessionId: string): Promise<MyHand> {
    const context = await this.context(principal, slug, sessionId);
    const { role } = decideMediaAccess(context, 'main');
    return this.dataSource.transaction(async (manager) => {
      const status = await this.repository.hand(manager, sessionId, principal.personId, true);
      if (status === 'on_stage') return { status };
      if (status !== 'invited') {
        throw new MediaException('media/not-invited', 'There is no invitation to the stage to accept.', {
          status: status ?? 'none',
        });
      }
      try {
        await this.livekit.updateParticipant(
          roomName(sessionId, 'main'),
          this.identities.identityOf(context.eventId, principal.personId),
          {
            metadata: participantMetadata(role, true),
            permission: {
              canSubscribe: true,
              canPublish: true,
              canPublishSources: GUEST_SOURCES,
              canPublishData: false,
              canUpdateMetadata: false,
              hidden: false,
            },
          },
        );
      } catch (error) {
        throw liveKitFailure(error);
      }
      await this.repository.setHandStatus(manager, sessionId, principal.personId, 'on_stage', null);
      await publishHandChanged(manager, context.eventId, sessionId, principal.personId, 'on_stage');
      return { status: 'on_stage' as const };
    });
  }

  /** The queue as the moderator sees it, oldest hand first. */
  async queue(event: EventEntity, sessionId: string): Promise<HandQueue> {
    await this.requireSession(event, sessionId);
    const rows = await this.repository.queue(sessionId);
    return {
      hands: rows.map((row) => ({
        identity: this.identities.identityOf(event.id, row.personId),
        name: row.name,
        status: row.status,
        raisedAt: row.raisedAt.toISOString(),
      })),
    };
  }

  /** Invites the person behind `identity`, whose hand must be raised, to the stage. */
  async invite(
    event: EventEntity,
    sessionId: string,
    actor: Principal,
    identity: string,
  ): Promise<HandEntry> {
    const personId = this.identities.requirePersonId(event.id, identity);
    await this.dataSource.transaction(async (manager) => {
      const stage = await this.repository.stage(manager, event.id, sessionId, true);
      if (!stage) throw ProgrammeException.sessionNotFound();
      if (stage.state !== 'live')
        throw invalidTransition('Invitations are for live sessions.', { state: stage.state });
      const status = await this.repository.hand(manager, sessionId, personId, true);
      if (!status) throw new MediaException('media/not-in-queue', 'This participant has not raised a hand.');
      if (status === 'raised') {
        await this.repository.setHandStatus(manager, sessionId, personId, 'invited', actor.personId);
        await this.audit.record(manager, {
          eventId: event.id,
          actorId: actor.personId,
          action: 'media.invite',
          targetId: personId,
          details: { sessionId },
        });
        await publishHandChanged(manager, event.id, sessionId, personId, 'invited');
      }
    });
    const entry = (await this.queue(event, sessionId)).hands.find((hand) => hand.identity === identity);
    if (!entry) throw participantNotFound();
    return entry;
  }

  private async handOf(sessionId: string, principal: Principal): Promise<MyHand> {
    return {
      status: (await this.repository.hand(this.dataSource.manager, sessionId, principal.personId)) ?? 'none',
    };
  }

  private async context(principal: Principal, slug: string, sessionId: string): Promise<MediaAccessContext> {
    const context = await this.repository.accessContext(slug, sessionId, principal.personId);
    if (!context) throw ProgrammeException.eventNotFound(slug);
    return context;
  }

  private async requireSession(event: EventEntity, sessionId: string): Promise<void> {
    if (!(await this.repository.stage(this.dataSource.manager, event.id, sessionId))) {
      throw ProgrammeException.sessionNotFound();
    }
  }
}
