import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_PREFIX } from '@plenary/contracts';
import { LogController } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger';
import { MetricsService } from '../metrics/metrics.service';

export interface HttpAppOptions {
  logger: Logger;
  /** Prefix REST routes with `/api` (health, readiness and metrics stay at the root). */
  apiPrefix: boolean;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** Trust `X-Forwarded-For` from a reverse proxy for the client address (rate limits per IP). */
  trustProxy?: boolean;
  /** The address people open (PUBLIC_URL): HSTS is sent only when it is https. */
  publicUrl?: string;
}

/**
 * The Content-Security-Policy of everything the api and live services answer: JSON, file downloads, media. Nothing
 * they serve may run scripts, load anything, be framed or submit forms; `sandbox` puts a document opened straight
 * from the api (an uploaded SVG, say) in an opaque origin. A route that serves a page overrides it (the API docs).
 */
export const API_CONTENT_SECURITY_POLICY: Record<string, string[]> = {
  'default-src': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'media-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
  sandbox: [],
};

/** Security headers (helmet) for every response of `createHttpApp`: CSP, nosniff, no framing, no referrer, HSTS. */
export function securityHeaders(publicUrl: string | undefined): FastifyHelmetOptions {
  const https = publicUrl?.startsWith('https:') ?? false;
  return {
    contentSecurityPolicy: { useDefaults: false, directives: API_CONTENT_SECURITY_POLICY },
    // Behind a TLS terminator the api itself speaks http: PUBLIC_URL says what the browser sees.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Uses a well-formed incoming `x-request-id` (from a proxy) or makes a new one. */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Creates a Nest application on Fastify with the house conventions: request ids, one request log line without
 * personal data, request metrics, security headers, the error envelope even for errors raised before routing,
 * graceful shutdown.
 */
export async function createHttpApp(
  rootModule: Type | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const { logger } = options;
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestIdFor,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  // Before any route registers: the plugin sets the headers in an onRequest hook, per route config.
  await app.register(helmet, securityHeaders(options.publicUrl));
  if (options.apiPrefix) {
    app.setGlobalPrefix(API_PREFIX.slice(1), { exclude: ['healthz', 'readyz', 'metrics'] });
  }
  const metrics = app.get(MetricsService);
  const fastify = app.getHttpAdapter().getInstance();
  // A route may raise its own body limit with `@RouteConfig({ bodyLimit })` (e.g. a batch upload); the rest keep
  // the global one. Routes register at `init()`, after this hook.
  fastify.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { bodyLimit?: unknown };
    const limit = config.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
  // Once the app is closing (SIGTERM), answers end their keep-alive connection: a connection that was busy when the
  // close began would otherwise stay open until its keep-alive timeout (72 s) and hold the process up that long.
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (closing) void reply.header('connection', 'close');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.observeRequest(request.method, route, reply.statusCode, seconds);
    if (route === '/metrics' || route === '/healthz') return;
    // Route pattern, never the raw URL: no query strings, ids or tokens in logs.
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        route,
        status: reply.statusCode,
        ms: Math.round(seconds * 1000),
      },
      'request',
    );
  });
  app.enableShutdownHooks();
  return app;
}
