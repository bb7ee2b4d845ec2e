import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  contactMessageRequestSchema,
  eventSlugParamsSchema,
  type ContactFormToken,
  type ContactMessageAccepted,
} from '@plenary/contracts';
import { ZodPipe } from '@plenary/server-core';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EventContactService } from './event-contact.service';

type SlugParams = z.output<typeof eventSlugParamsSchema>;

/** The contact form of a public event page: anyone may write to the event's team (rate-limited, spam-checked). */
@Controller('events/:slug/contact')
export class EventContactController {
  constructor(private readonly contact: EventContactService) {}

  @Get('token')
  token(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Req() request: FastifyRequest,
  ): Promise<ContactFormToken> {
    return this.contact.issueToken(params.slug, request.ip);
  }

  @Post()
  @HttpCode(202)
  async send(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: SlugParams,
    @Body(new ZodPipe(contactMessageRequestSchema)) body: z.output<typeof contactMessageRequestSchema>,
    @Req() request: FastifyRequest,
  ): Promise<ContactMessageAccepted> {
    await this.contact.send(params.slug, body, request.ip);
    return { accepted: true };
  }
}
