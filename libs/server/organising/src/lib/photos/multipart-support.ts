import multipart from '@fastify/multipart';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

const registered = new WeakSet<object>();

/**
 * Registers `@fastify/multipart` on the api (once per Fastify instance, before it starts). Its content-type parser
 * reads nothing: a route reads its parts itself (`request.file()`), with its own limits, as a stream. Routes that
 * do not read them refuse the content type through their schemas, as before.
 */
@Injectable()
export class MultipartSupport implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || registered.has(fastify)) return;
    registered.add(fastify);
    // Conservative defaults for any part a route reads without its own limits.
    void fastify.register(multipart, { limits: { fileSize: 1024 * 1024, files: 1, fields: 10, parts: 11 } });
  }
}
