import { Controller, Get, Param } from '@nestjs/common';
import {
  eventSlugParamsSchema,
  sessionParamsSchema,
  type EventDetail,
  type EventList,
  type Session,
} from '@plenary/contracts';
import { ZodPipe } from '@plenary/server-core';
import type { z } from 'zod';
import { ProgrammeService } from './programme.service';

@Controller('events')
export class ProgrammeController {
  constructor(private readonly programme: ProgrammeService) {}

  @Get()
  listEvents(): Promise<EventList> {
    return this.programme.listEvents();
  }

  @Get(':slug')
  getEvent(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: z.output<typeof eventSlugParamsSchema>,
  ): Promise<EventDetail> {
    return this.programme.getEvent(params.slug);
  }

  @Get(':slug/sessions/:sessionId')
  getSession(
    @Param(new ZodPipe(sessionParamsSchema)) params: z.output<typeof sessionParamsSchema>,
  ): Promise<Session> {
    return this.programme.getSession(params.slug, params.sessionId);
  }
}
