import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** The content type LiveKit posts webhooks with. */
export const WEBHOOK_CONTENT_TYPE = 'application/webhook+json';

/**
 * Keeps `application/webhook+json` bodies as the raw string: the webhook signature covers the exact bytes, which
 * a JSON parse and re-serialisation would not reproduce.
 */
@Injectable()
export class WebhookBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser(WEBHOOK_CONTENT_TYPE)) return;
    fastify.addContentTypeParser(WEBHOOK_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
  }
}
