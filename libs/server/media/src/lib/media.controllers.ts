import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  banParticipantSchema,
  eventSlugParamsSchema,
  mediaBanParamsSchema,
  mediaTokenRequestSchema,
  muteTrackSchema,
  removeParticipantSchema,
  sessionParamsSchema,
  stageTargetSchema,
  type HandEntry,
  type HandQueue,
  type MediaBanList,
  type MediaTokenResponse,
  type MyHand,
  type StageState,
  type WebhookReceipt,
} from '@plenary/contracts';
import {
  Authenticated,
  CurrentEvent,
  CurrentPrincipal,
  EventVisibilityService,
  RequireEventRole,
  SkipCsrf,
  type Principal,
} from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StageModerationService } from './stage/stage-moderation.service';
import { StageQueueService } from './stage/stage-queue.service';
import { StageService } from './stage/stage.service';
import { MediaTokenService } from './token/media-token.service';
import { MediaWebhookService } from './webhooks/media-webhook.service';

type SessionParams = z.output<typeof sessionParamsSchema>;

/** What a signed-in participant does: get a LiveKit token, follow the stage, raise a hand, accept an invitation. */
@Controller('events/:slug/sessions/:sessionId')
@Authenticated()
export class MediaParticipantController {
  constructor(
    private readonly tokens: MediaTokenService,
    private readonly stage: StageService,
    private readonly queue: StageQueueService,
    private readonly visibility: EventVisibilityService,
  ) {}

  @Post('media-token')
  @HttpCode(201)
  @Header('cache-control', 'no-store')
  token(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @Body(new ZodPipe(mediaTokenRequestSchema)) body: z.output<typeof mediaTokenRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MediaTokenResponse> {
    return this.tokens.issue(principal, params.slug, params.sessionId, body.room);
  }

  @Get('stage')
  async stageState(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @Req() request: FastifyRequest,
  ): Promise<StageState> {
    return this.stage.state(await this.visibility.requireVisible(params.slug, request), params.sessionId);
  }

  @Get('stage/hand')
  myHand(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MyHand> {
    return this.queue.myHand(principal, params.slug, params.sessionId);
  }

  @Post('stage/hand')
  @HttpCode(200)
  raiseHand(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MyHand> {
    return this.queue.raise(principal, params.slug, params.sessionId);
  }

  @Delete('stage/hand')
  @HttpCode(200)
  lowerHand(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MyHand> {
    return this.queue.lower(principal, params.slug, params.sessionId);
  }

  @Post('stage/hand/accept')
  @HttpCode(200)
  acceptInvitation(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MyHand> {
    return this.queue.accept(principal, params.slug, params.sessionId);
  }
}

/** The moderator's stage controls (moderators and organisers of the event). */
@Controller('events/:slug/sessions/:sessionId/stage')
@RequireEventRole('moderator', 'organiser')
export class StageModeratorController {
  constructor(
    private readonly stage: StageService,
    private readonly queue: StageQueueService,
    private readonly moderation: StageModerationService,
  ) {}

  @Post('backstage')
  @HttpCode(200)
  openBackstage(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StageState> {
    return this.stage.openBackstage(event, params.sessionId, principal);
  }

  @Post('live')
  @HttpCode(200)
  goLive(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StageState> {
    return this.stage.goLive(event, params.sessionId, principal);
  }

  @Post('end')
  @HttpCode(200)
  end(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StageState> {
    return this.stage.end(event, params.sessionId, principal);
  }

  @Get('hands')
  hands(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
  ): Promise<HandQueue> {
    return this.queue.queue(event, params.sessionId);
  }

  @Post('invitations')
  @HttpCode(200)
  invite(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(stageTargetSchema)) body: z.output<typeof stageTargetSchema>,
  ): Promise<HandEntry> {
    return this.queue.invite(event, params.sessionId, principal, body.identity);
  }

  @Post('demote')
  @HttpCode(204)
  async demote(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(stageTargetSchema)) body: z.output<typeof stageTargetSchema>,
  ): Promise<void> {
    await this.moderation.demote(event, params.sessionId, principal, body.identity);
  }

  @Post('mute')
  @HttpCode(204)
  async mute(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(muteTrackSchema)) body: z.output<typeof muteTrackSchema>,
  ): Promise<void> {
    await this.moderation.mute(event, params.sessionId, principal, body);
  }

  @Post('remove')
  @HttpCode(204)
  async remove(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(removeParticipantSchema)) body: z.output<typeof removeParticipantSchema>,
  ): Promise<void> {
    await this.moderation.remove(event, params.sessionId, principal, body);
  }

  @Post('ban')
  @HttpCode(204)
  async ban(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(banParticipantSchema)) body: z.output<typeof banParticipantSchema>,
  ): Promise<void> {
    await this.moderation.ban(event, params.sessionId, principal, body);
  }

  @Post('recording')
  @HttpCode(200)
  startRecording(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StageState> {
    return this.stage.startRecording(event, params.sessionId, principal);
  }

  @Delete('recording')
  @HttpCode(200)
  stopRecording(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StageState> {
    return this.stage.stopRecording(event, params.sessionId, principal);
  }
}

/** Bans across the event's sessions (moderators and organisers). */
@Controller('events/:slug/media/bans')
@RequireEventRole('moderator', 'organiser')
export class MediaBansController {
  constructor(private readonly moderation: StageModerationService) {}

  @Get()
  list(
    @Param(new ZodPipe(eventSlugParamsSchema)) _params: z.output<typeof eventSlugParamsSchema>,
    @CurrentEvent() event: EventEntity,
  ): Promise<MediaBanList> {
    return this.moderation.bans(event);
  }

  @Delete(':identity')
  @HttpCode(204)
  async unban(
    @Param(new ZodPipe(mediaBanParamsSchema)) params: z.output<typeof mediaBanParamsSchema>,
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.moderation.unban(event, principal, params.identity);
  }
}

/** LiveKit's webhooks: authenticated by their signature, not by a session (hence no CSRF header). */
@Controller('media/webhooks')
export class MediaWebhookController {
  constructor(private readonly webhooks: MediaWebhookService) {}

  @Post('livekit')
  @HttpCode(200)
  @SkipCsrf()
  livekit(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<WebhookReceipt> {
    return this.webhooks.receive(body, authorization);
  }
}
