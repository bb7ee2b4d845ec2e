import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** Content types of frab-style schedule XML uploads. */
export const XML_CONTENT_TYPES = ['application/xml', 'text/xml'];

/**
 * Reads XML bodies as text (the schedule import parses them itself, with line numbers). Fastify applies the route's
 * body limit to them, so a file over the limit is 413 before it is read whole.
 */
@Injectable()
export class ScheduleBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    for (const type of XML_CONTENT_TYPES) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, { parseAs: 'string' }, (_request, body, done) => done(null, body));
    }
  }
}
