import { Controller, Delete, Headers, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { speakerParamsSchema, type ManagedSpeaker } from '@plenary/contracts';
import { CurrentEvent, CurrentPrincipal, RequireEventRole, type Principal } from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { expectedVersion, versionEtag } from '../if-match';
import { isTooLarge } from './read-photo-upload';
import { SpeakerPhotoService } from './speaker-photo.service';

type Params = z.output<typeof speakerParamsSchema>;

/** `If-Match` is optional here: a photo replaces a photo; sent, it must name the current version. */
const optionalVersion = (header: string | undefined): number | undefined =>
  header === undefined || header === '' ? undefined : expectedVersion(header);

/** A speaker's photo: upload (multipart/form-data, field `photo`) or remove. The event's organisers only. */
@Controller('events/:slug/programme/speakers/:speakerId/photo')
@RequireEventRole('organiser')
export class SpeakerPhotoController {
  constructor(private readonly photos: SpeakerPhotoService) {}

  @Put()
  @HttpCode(200)
  async upload(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(speakerParamsSchema)) params: Params,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSpeaker> {
    try {
      const speaker = await this.photos.upload(
        principal,
        event,
        params.speakerId,
        request,
        optionalVersion(ifMatch),
      );
      void reply.header('etag', versionEtag(speaker.version));
      return speaker;
    } catch (error) {
      // The rest of an oversized body is not read: the connection closes after the 413.
      if (isTooLarge(error)) void reply.header('connection', 'close');
      throw error;
    }
  }

  @Delete()
  @HttpCode(200)
  async remove(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(speakerParamsSchema)) params: Params,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManagedSpeaker> {
    const speaker = await this.photos.remove(principal, event, params.speakerId, optionalVersion(ifMatch));
    void reply.header('etag', versionEtag(speaker.version));
    return speaker;
  }
}
