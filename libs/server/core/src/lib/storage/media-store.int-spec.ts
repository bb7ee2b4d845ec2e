import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LocalMediaStore } from './local-media-store';
import { isMediaKey, type MediaStore } from './media-store';
import { S3MediaStore } from './s3-media-store';

const read = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

/**
 * A tiny S3 stand-in: path-style PutObject, GetObject and DeleteObject of one bucket, in memory, speaking S3's wire
 * format (XML errors, ETag, NoSuchKey). It checks that every request is SigV4-signed with the configured key; it
 * does not verify the signature itself.
 */
function fakeS3(bucket: string) {
  const objects = new Map<string, { body: Buffer; contentType: string; cacheControl: string | undefined }>();
  const requests: Array<{ method: string; path: string; authorization: string; contentSha: string }> = [];
  const body = async (request: IncomingMessage): Promise<Buffer> => read(request);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://s3.test');
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        authorization: String(request.headers['authorization'] ?? ''),
        contentSha: String(request.headers['x-amz-content-sha256'] ?? ''),
      });
      const prefix = `/${bucket}/`;
      if (!url.pathname.startsWith(prefix)) {
        response
          .writeHead(404, { 'content-type': 'application/xml' })
          .end(
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>No such bucket</Message></Error>',
          );
        return;
      }
      const key = decodeURIComponent(url.pathname.slice(prefix.length));
      if (request.method === 'PUT') {
        objects.set(key, {
          body: await body(request),
          contentType: String(request.headers['content-type']),
          cacheControl: request.headers['cache-control'],
        });
        response.writeHead(200, { etag: '"abc"' }).end();
      } else if (request.method === 'GET') {
        const object = objects.get(key);
        if (!object) {
          response
            .writeHead(404, { 'content-type': 'application/xml' })
            .end(
              `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`,
            );
          return;
        }
        response
          .writeHead(200, {
            'content-type': object.contentType,
            'content-length': object.body.length,
            etag: '"abc"',
          })
          .end(object.body);
      } else if (request.method === 'DELETE') {
        objects.delete(key);
        response.writeHead(204).end();
      } else {
        response.writeHead(405).end();
      }
    })();
  });
  return { server, objects, requests };
}

async function exercise(store: MediaStore): Promise<void> {
  const bytes = Buffer.from('RIFF....WEBPVP8 fake image bytes');
  expect(await store.get('speakers/0123456789abcdef0123456789abcdef/96.webp')).toBeNull();
  await store.put('speakers/0123456789abcdef0123456789abcdef/96.webp', bytes, 'image/webp');
  const object = await store.get('speakers/0123456789abcdef0123456789abcdef/96.webp');
  expect(object?.contentType).toBe('image/webp');
  expect(object?.size).toBe(bytes.length);
  expect(object && (await read(object.body))).toEqual(bytes);
  await store.delete('speakers/0123456789abcdef0123456789abcdef/96.webp');
  await store.delete('speakers/0123456789abcdef0123456789abcdef/96.webp');
  expect(await store.get('speakers/0123456789abcdef0123456789abcdef/96.webp')).toBeNull();
}

describe('media keys', () => {
  it('accepts content-hashed paths and refuses anything a file system or URL would reinterpret', () => {
    expect(isMediaKey('speakers/0123456789abcdef0123456789abcdef/256.webp')).toBe(true);
    for (const key of [
      '../etc/passwd',
      'speakers/../../x',
      '/abs/key',
      'a//b',
      'UPPER/case',
      'a/b\\c',
      'a/.hidden',
      '',
    ])
      expect(isMediaKey(key)).toBe(false);
  });
});

describe(LocalMediaStore.name, () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'plenary-media-store-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('puts, gets and deletes files under its folder', async () => {
    await exercise(new LocalMediaStore(root));
  });

  it('refuses a key that would leave its folder', async () => {
    await expect(
      (new LocalMediaStore(root) as MediaStore).put('../outside.webp', Buffer.from('x'), 'image/webp'),
    ).rejects.toThrow('not a media key');
  });
});

describe(S3MediaStore.name, () => {
  const s3 = fakeS3('plenary-media');
  let store: S3MediaStore;

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const { port } = s3.server.address() as AddressInfo;
    store = new S3MediaStore({
      bucket: 'plenary-media',
      region: 'eu-central-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      accessKeyId: 'AKIDPLENARYTEST',
      secretAccessKey: 'secret-for-tests-only',
    });
  });
  afterAll(async () => {
    store.client.destroy();
    await new Promise((resolve) => s3.server.close(resolve));
  });

  it('puts, gets and deletes objects over the S3 wire protocol, signed with the configured key', async () => {
    await exercise(store);
    expect(s3.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
      'PUT /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
      'GET /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
      'DELETE /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
      'DELETE /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
      'GET /plenary-media/speakers/0123456789abcdef0123456789abcdef/96.webp',
    ]);
    for (const request of s3.requests)
      expect(request.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDPLENARYTEST\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=.*, Signature=[0-9a-f]{64}$/,
      );
  });

  it('stores the content type and the immutable cache lifetime with the object', async () => {
    await store.put('speakers/abcdefabcdefabcdefabcdefabcdefab/512.webp', Buffer.from('x'), 'image/webp');
    expect(s3.objects.get('speakers/abcdefabcdefabcdefabcdefabcdefab/512.webp')).toMatchObject({
      contentType: 'image/webp',
      cacheControl: 'public, max-age=31536000, immutable',
    });
  });
});
