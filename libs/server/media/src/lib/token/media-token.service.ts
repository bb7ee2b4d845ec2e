import { Inject, Injectable } from '@nestjs/common';
import type { MediaRoom, MediaTokenResponse } from '@plenary/contracts';
import type { Principal } from '@plenary/server-access';
import { APP_CONFIG, RateLimitService, type AppConfig, type RateLimitRule } from '@plenary/server-core';
import { ProgrammeException } from '@plenary/server-programme';
import { MediaIdentityService } from '../identity/media-identity.service';
import { MediaRepository } from '../media.repository';
import {
  decideMediaAccess,
  participantMetadata,
  roomName,
  TOKEN_TTL_SECONDS,
  videoGrantFor,
} from './media-grants';
import { ParticipantTokenSigner } from './participant-token-signer';

/** Tokens per person per minute: joining, reconnecting, a second device, with room to spare. */
export const TOKEN_RATE_LIMIT: RateLimitRule = { points: 30, seconds: 60 };

/** Issues LiveKit participant tokens: one cached lookup decides (ADR 0015), the grant follows the role (see media-grants.ts). */
@Injectable()
export class MediaTokenService {
  private readonly signer: ParticipantTokenSigner;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MediaRepository,
    private readonly identities: MediaIdentityService,
    private readonly rateLimits: RateLimitService,
  ) {
    this.signer = new ParticipantTokenSigner(config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET);
  }

  async issue(
    principal: Principal,
    slug: string,
    sessionId: string,
    room: MediaRoom,
  ): Promise<MediaTokenResponse> {
    await this.rateLimits.consume('media-token', TOKEN_RATE_LIMIT, principal.personId);
    const context = await this.repository.cachedAccessContext(slug, sessionId, principal.personId);
    if (!context) throw ProgrammeException.eventNotFound(slug);
    const { role, onStage } = decideMediaAccess(context, room);
    const token = this.signer.sign({
      identity: this.identities.identityOf(context.eventId, principal.personId),
      name: principal.name,
      metadata: participantMetadata(role, onStage),
      video: videoGrantFor(role, roomName(sessionId, room), onStage),
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    return { server_url: this.config.LIVEKIT_URL, participant_token: token };
  }
}
