import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { sessionParamsSchema, type EngagementExport } from '@plenary/contracts';
import { CurrentEvent, RequireEventRole } from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { EngagementExportService } from './engagement-export.service';

type SessionParams = z.output<typeof sessionParamsSchema>;

/** Exports of a session's Q&A and poll results, for the event's moderators and organisers. */
@Controller('events/:slug/sessions/:sessionId/engagement')
@RequireEventRole('moderator', 'organiser')
export class EngagementExportController {
  constructor(private readonly exports: EngagementExportService) {}

  @Get('export.json')
  @Header('cache-control', 'no-store')
  async json(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EngagementExport> {
    void reply.header(
      'content-disposition',
      `attachment; filename="${event.slug}-${params.sessionId}-engagement.json"`,
    );
    return this.exports.export(event.id, params.sessionId);
  }

  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('cache-control', 'no-store')
  async csv(
    @Param(new ZodPipe(sessionParamsSchema)) params: SessionParams,
    @CurrentEvent() event: EventEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.header(
      'content-disposition',
      `attachment; filename="${event.slug}-${params.sessionId}-engagement.csv"`,
    );
    return this.exports.toCsv(await this.exports.export(event.id, params.sessionId));
  }
}
