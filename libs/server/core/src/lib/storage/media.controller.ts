import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { CoreException } from '../errors/core.exception';
import { isMediaKey, MEDIA_STORE, type MediaStore } from './media-store';

/** Objects never change under their content-hashed keys: browsers and CDNs may keep them for a year, unrevalidated. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** A strong ETag for a key: its content hash is in the key, so the key names the bytes. */
export const mediaEtag = (key: string): string =>
  `"${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;

const notFound = (): CoreException => new CoreException('core/not-found', 'No such media.');

/**
 * Serves the media store (`GET /api/media/<folder>/<id>/<file>`, e.g. a speaker photo) to anyone: uploaded media are
 * public by design (they appear on public pages). Streams the object; `304` for a matching `If-None-Match`.
 */
@Controller('media')
export class MediaController {
  constructor(@Inject(MEDIA_STORE) private readonly store: MediaStore) {}

  @Get(':folder/:id/:file')
  async get(
    @Param() params: Record<string, string>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const key = [params['folder'], params['id'], params['file']].join('/');
    if (!isMediaKey(key)) throw notFound();
    const etag = mediaEtag(key);
    void reply.header('cache-control', MEDIA_CACHE_CONTROL).header('etag', etag);
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim())))
      return reply.status(304).send();
    const object = await this.store.get(key);
    if (!object) {
      void reply.header('cache-control', 'no-store');
      throw notFound();
    }
    void reply.header('content-type', object.contentType);
    if (object.size !== undefined) void reply.header('content-length', object.size);
    return reply.status(200).send(object.body);
  }
}
