import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The content type of CSV uploads (invitation imports). */
export const CSV_CONTENT_TYPE = 'text/csv';

/**
 * Hands `text/csv` bodies to the route as the raw request stream, unread: an import streams the file into the
 * database instead of buffering it, and counts its bytes against IMPORT_MAX_BYTES itself. No other route accepts
 * `text/csv`: their schemas refuse a stream.
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(CSV_CONTENT_TYPE)) return;
    fastify.addContentTypeParser(CSV_CONTENT_TYPE, (_request, payload, done) => done(null, payload));
  }
}
