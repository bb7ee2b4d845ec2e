import { Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  INTERCHANGE_MAX_BYTES,
  programmeExportQuerySchema,
  programmeImportQuerySchema,
  type ProgrammeImportResult,
} from '@plenary/contracts';
import { CurrentEvent, CurrentPrincipal, RequireEventRole, type Principal } from '@plenary/server-access';
import { CoreException, ZodPipe } from '@plenary/server-core';
import { detectFormat, type EventEntity } from '@plenary/server-programme';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import type { z } from 'zod';
import { InterchangeService } from './interchange.service';

const tooLarge = (): CoreException =>
  new CoreException(
    'core/payload-too-large',
    `The file is larger than ${INTERCHANGE_MAX_BYTES / 1024 / 1024} MB. Split the programme into smaller files.`,
  );

/** A streamed body (CSV uploads arrive unread) as text, refused past the limit without reading it whole. */
async function readText(stream: Readable, declared: number): Promise<string> {
  if (Number.isFinite(declared) && declared > INTERCHANGE_MAX_BYTES) {
    stream.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    bytes += buffer.length;
    if (bytes > INTERCHANGE_MAX_BYTES) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Schedule interchange: import (with a dry run) and export of the programme, for the event's organisers. */
@Controller('events/:slug/programme')
@RequireEventRole('organiser')
export class InterchangeController {
  constructor(private readonly interchange: InterchangeService) {}

  /**
   * Body: a pretalx / frab schedule JSON (`application/json`), a frab schedule XML (`application/xml`) or a sessions or
   * speakers CSV (`text/csv`), up to 10 MB. `?dryRun=true` answers the preview and writes nothing.
   */
  @Post('import')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: INTERCHANGE_MAX_BYTES })
  @Header('cache-control', 'no-store')
  async import(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodPipe(programmeImportQuerySchema)) query: z.output<typeof programmeImportQuerySchema>,
    @Req() request: FastifyRequest,
  ): Promise<ProgrammeImportResult> {
    let body: unknown = request.body;
    if (body instanceof Readable) body = await readText(body, Number(request.headers['content-length']));
    if (body === undefined || body === null || body === '')
      throw new CoreException('core/bad-request', 'Send the schedule file itself as the request body.');
    const kind = typeof body === 'string' ? detectFormat(request.headers['content-type'], body) : 'json';
    return this.interchange.import(principal, event, kind, body, query.dryRun);
  }

  @Get('export')
  @Header('cache-control', 'no-store')
  async export(
    @CurrentEvent() event: EventEntity,
    @Query(new ZodPipe(programmeExportQuerySchema)) query: z.output<typeof programmeExportQuerySchema>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.interchange.export(event, query.format);
    void reply.header('content-type', file.contentType);
    void reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.body;
  }
}
