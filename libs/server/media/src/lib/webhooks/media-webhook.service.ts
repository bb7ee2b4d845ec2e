import { Inject, Injectable } from '@nestjs/common';
import type { WebhookReceipt } from '@plenary/contracts';
import { APP_CONFIG, CoreException, LOGGER, type AppConfig } from '@plenary/server-core';
import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { MediaIdentityService } from '../identity/media-identity.service';
import { MediaException } from '../media.exception';
import { MediaRepository } from '../media.repository';
import { publishStageChanged, stageStateOf } from '../stage/stage-events';
import { parseRoomName } from '../token/media-grants';

/**
 * How far the LiveKit host's clock may be from ours, either way, before a webhook's token counts as not yet valid or
 * expired (`nbf`/`exp`). The SDK's default is 10 s: a LiveKit host two minutes ahead would have every webhook refused
 * (401) and its presence and egress events lost. Five minutes, as Kerberos allows; a token replayed inside the wider
 * window changes nothing, because the token binds the body's SHA-256 and each event id is applied once.
 */
export const WEBHOOK_CLOCK_TOLERANCE_SECONDS = 300;

const secondsToDate = (seconds: bigint): Date | null =>
  seconds > 0n ? new Date(Number(seconds) * 1000) : null;

/**
 * LiveKit webhooks: signature checked with the SDK's WebhookReceiver (JWT with the body's SHA-256), refused without
 * an event id, processed once per event id (a unique row, in the transaction of the effect), and order-independent: a connection's `left`
 * may arrive before its `joined` and the final state is still "left".
 */
@Injectable()
export class MediaWebhookService {
  private readonly receiver: WebhookReceiver;
  private readonly egress: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly dataSource: DataSource,
    private readonly repository: MediaRepository,
    private readonly identities: MediaIdentityService,
  ) {
    this.receiver = new WebhookReceiver(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET);
    this.egress = config.LIVEKIT_EGRESS;
  }

  async receive(body: unknown, authorization: string | undefined): Promise<WebhookReceipt> {
    if (typeof body !== 'string') {
      throw new CoreException(
        'core/unsupported-media-type',
        'LiveKit webhooks are posted as application/webhook+json.',
      );
    }
    let event: WebhookEvent;
    try {
      event = await this.receiver.receive(
        body,
        authorization?.replace(/^Bearer\s+/i, ''),
        false,
        WEBHOOK_CLOCK_TOLERANCE_SECONDS,
      );
    } catch {
      throw new MediaException('media/webhook-unauthorized', 'The webhook signature is missing or invalid.');
    }
    // The id is what makes a redelivery harmless. Without one there is nothing to tell a redelivery from a new event
    // (LiveKit always sends one): refuse it, so the sender sees the fault instead of events being silently merged.
    const id = event.id.trim();
    if (!id) {
      throw new CoreException('core/validation-failed', 'The webhook event has no id.', [
        { path: 'id', message: 'is required' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.repository.recordWebhook(manager, id, event.event))) {
        return { received: true, duplicate: true };
      }
      await this.apply(manager, event);
      return { received: true, duplicate: false };
    });
  }

  private async apply(manager: EntityManager, event: WebhookEvent): Promise<void> {
    const at = secondsToDate(event.createdAt) ?? new Date();
    switch (event.event) {
      case 'participant_joined':
      case 'participant_left':
      case 'participant_connection_aborted':
        return this.presence(manager, event, at);
      case 'room_finished': {
        const room = event.room ? parseRoomName(event.room.name) : null;
        if (room) await this.repository.closePresence(manager, room.sessionId, room.room, at);
        return;
      }
      case 'egress_ended':
        if (event.egressInfo?.egressId) {
          const sessionId = await this.repository.clearRecordingByEgress(manager, event.egressInfo.egressId);
          if (sessionId) await this.recordingEnded(manager, sessionId);
        }
        return;
      // Nothing to record for the others.
      case 'room_started':
      case 'track_published':
      case 'track_unpublished':
      case 'egress_started':
      case 'egress_updated':
      case 'ingress_started':
      case 'ingress_ended':
      case '':
        return;
    }
  }

  /** The recording stopped on LiveKit's side (egress ended, failed or was stopped): clients drop the indicator. */
  private async recordingEnded(manager: EntityManager, sessionId: string): Promise<void> {
    const eventId = await this.repository.eventIdOfSession(manager, sessionId);
    const row = eventId ? await this.repository.stage(manager, eventId, sessionId) : null;
    if (!eventId || !row) return;
    await publishStageChanged(manager, eventId, stageStateOf(sessionId, row, this.egress));
  }

  private async presence(manager: EntityManager, event: WebhookEvent, at: Date): Promise<void> {
    const participant = event.participant;
    const room = event.room ? parseRoomName(event.room.name) : null;
    if (!participant || !room || !participant.sid) return;
    const eventId = await this.repository.eventIdOfSession(manager, room.sessionId);
    const personId = eventId ? this.identities.personIdOf(eventId, participant.identity) : null;
    if (!personId || !(await this.repository.personExists(manager, personId))) {
      this.logger.debug({ event: event.event }, 'webhook for a participant that is not a person of ours');
      return;
    }
    const joinedAt =
      (participant.joinedAtMs > 0n ? new Date(Number(participant.joinedAtMs)) : null) ??
      secondsToDate(participant.joinedAt) ??
      at;
    const row = {
      participantSid: participant.sid,
      sessionId: room.sessionId,
      personId,
      room: room.room,
      joinedAt,
    };
    if (event.event === 'participant_joined') await this.repository.presenceJoined(manager, row);
    else await this.repository.presenceLeft(manager, { ...row, leftAt: at });
  }
}
