import {
  CSRF_HEADER,
  errorEnvelopeSchema,
  eventDetailSchema,
  managedEventSchema,
  managedSpeakerSchema,
  SPEAKER_PHOTO_WIDTHS,
  type ManagedSpeaker,
} from '@plenary/contracts';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { freshIp, registerAs, signInAs, startTestApi, TEST_ORIGIN, type TestApi } from './test-api';

let api: TestApi;
let mediaDir: string;
let organiser: string;
let otherOrganiser: string;
let attendee: string;

const A = 'vmc2021';

/** A multipart/form-data body with one file part. */
function multipart(
  bytes: Buffer,
  { filename = 'portrait.jpg', type = 'image/jpeg', field = 'photo' } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----plenary${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (
  speakerId: string,
  body: { payload: Buffer; headers: Record<string, string> },
  cookie: string | null = organiser,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  api.request({
    method: 'PUT',
    url: `/api/events/${A}/programme/speakers/${speakerId}/photo`,
    ...(cookie ? { cookie } : {}),
    payload: body.payload,
    headers: { ...body.headers, ...headers },
    ip: freshIp(),
  });

const errorOf = (response: LightMyRequestResponse) => errorEnvelopeSchema.parse(response.json()).error;

function expectStatus(response: LightMyRequestResponse, status: number): void {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
}

/** Every file in the local media store, relative to it. */
function storedFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(mediaDir, path));
    }
  };
  walk(mediaDir);
  return files.sort();
}

async function newSpeaker(name = 'Grace Hopper'): Promise<ManagedSpeaker> {
  const response = await api.request({
    method: 'POST',
    url: `/api/events/${A}/programme/speakers`,
    cookie: organiser,
    payload: { name, title: 'Rear Admiral' },
    ip: freshIp(),
  });
  expectStatus(response, 201);
  return managedSpeakerSchema.parse(response.json());
}

async function speakerRow(id: string): Promise<{ photo: string | null; version: number }> {
  const [row] = await api.dataSource.query<Array<{ photo: string | null; version: number }>>(
    'SELECT photo, version FROM speakers WHERE id = $1',
    [id],
  );
  if (!row) throw new Error('no such speaker');
  return row;
}

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 100, b: 50 } } });

/** A JPEG carrying EXIF (a copyright notice, a description) and a GPS position, as a phone writes it. */
const jpegWithExif = (): Promise<Buffer> =>
  solid(1200, 900)
    .jpeg()
    .withExif({
      IFD0: { Copyright: 'Ada Private', ImageDescription: 'taken at home' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 12/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '16/1 22/1 0/1',
      },
    })
    .toBuffer();

/** A real 100 × 100 PNG whose header claims 30,000 × 30,000 pixels (CRC fixed): a decompression bomb's shape. */
async function pngBomb(): Promise<Buffer> {
  const png = Buffer.from(await solid(100, 100).png().toBuffer());
  png.writeUInt32BE(30_000, 16);
  png.writeUInt32BE(30_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

beforeAll(async () => {
  mediaDir = mkdtempSync(join(tmpdir(), 'plenary-media-'));
  api = await startTestApi({ MEDIA_DIR: mediaDir });
  organiser = await signInAs(api, 'organiser@plenary.test');
  const admin = await signInAs(api, 'admin@plenary.test');
  const created = await api.request({
    method: 'POST',
    url: '/api/events',
    cookie: admin,
    payload: {
      slug: 'other-event',
      name: 'Other',
      startDate: '2022-10-29',
      endDate: '2022-10-30',
      timeZone: 'Europe/Vienna',
    },
    ip: freshIp(),
  });
  expectStatus(created, 201);
  managedEventSchema.parse(created.json());
  expectStatus(
    await api.request({
      method: 'POST',
      url: '/api/events/other-event/organisers',
      cookie: admin,
      payload: { email: 'other.organiser@example.org' },
      ip: freshIp(),
    }),
    200,
  );
  otherOrganiser = await signInAs(api, 'other.organiser@example.org');
  await registerAs(api, 'someone@example.org');
  attendee = await signInAs(api, 'someone@example.org');
}, 60_000);

afterAll(async () => {
  await api.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('Speaker photos', () => {
  it('re-encodes a JPEG with EXIF and GPS into square WebP sizes without any metadata, served immutable', async () => {
    const input = await jpegWithExif();
    const exif = (await sharp(input).metadata()).exif?.toString('latin1') ?? '';
    expect(exif).toContain('Ada Private');
    const speaker = await newSpeaker();
    const response = await upload(speaker.id, multipart(input));
    expectStatus(response, 200);
    const updated = managedSpeakerSchema.parse(response.json());
    expect(updated.version).toBe(speaker.version + 1);
    expect(response.headers['etag']).toBe(`"${updated.version}"`);
    expect(updated.photo?.sizes.map((size) => size.width)).toEqual([...SPEAKER_PHOTO_WIDTHS]);
    expect(updated.photoUrl).toBe(updated.photo?.url);
    expect(updated.photo?.srcset).toMatch(
      /^\/api\/media\/speakers\/[0-9a-f]{32}\/96\.webp 96w, .+ 256w, .+ 512w$/,
    );

    for (const size of updated.photo?.sizes ?? []) {
      const served = await api.request({ url: size.url });
      expectStatus(served, 200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(served.rawPayload).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', size.width, size.width]);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(served.rawPayload.toString('latin1')).not.toContain('Ada Private');
      const etag = served.headers['etag'];
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
      const again = await api.request({ url: size.url, headers: { 'if-none-match': String(etag) } });
      expect(again.statusCode).toBe(304);
    }
    expect(storedFiles()).toHaveLength(3);

    // Written through the programme: audit entry, event page version, the photo on the public page.
    const [audit] = await api.dataSource.query<Array<{ action: string; details: unknown }>>(
      `SELECT action, details FROM audit_log WHERE target_id = $1 AND action LIKE 'speaker.photo%'`,
      [speaker.id],
    );
    expect(audit?.action).toBe('speaker.photo.set');
    const page = eventDetailSchema.parse((await api.request({ url: `/api/events/${A}` })).json());
    expect(page.speakers.find((s) => s.id === speaker.id)?.photo?.url).toBe(updated.photo?.url);
  });

  it('accepts PNG and WebP, replaces the earlier photo and removes its stored sizes', async () => {
    const speaker = await newSpeaker('Katherine Johnson');
    const png = await upload(
      speaker.id,
      multipart(await solid(300, 400).png().toBuffer(), { filename: 'a.png', type: 'image/png' }),
    );
    expectStatus(png, 200);
    const first = managedSpeakerSchema.parse(png.json()).photo?.url;
    const webp = await upload(
      speaker.id,
      multipart(await solid(500, 500).webp().toBuffer(), { filename: 'b.webp', type: 'image/webp' }),
    );
    expectStatus(webp, 200);
    const second = managedSpeakerSchema.parse(webp.json());
    expect(second.photo?.url).not.toBe(first);
    expect((await api.request({ url: String(first) })).statusCode).toBe(404);
    expect((await api.request({ url: String(second.photo?.url) })).statusCode).toBe(200);

    const removed = await api.request({
      method: 'DELETE',
      url: `/api/events/${A}/programme/speakers/${speaker.id}/photo`,
      cookie: organiser,
      ip: freshIp(),
    });
    expectStatus(removed, 200);
    const after = managedSpeakerSchema.parse(removed.json());
    expect([after.photo, after.photoUrl]).toEqual([null, null]);
    expect((await api.request({ url: String(second.photo?.url) })).statusCode).toBe(404);
    expect((await speakerRow(speaker.id)).photo).toBeNull();
  });

  describe('refuses, storing nothing', () => {
    let speaker: ManagedSpeaker;
    let filesBefore: string[];

    beforeEach(async () => {
      speaker = await newSpeaker('Refused Person');
      filesBefore = storedFiles();
    });

    afterEach(async () => {
      expect(storedFiles()).toEqual(filesBefore);
      expect(await speakerRow(speaker.id)).toEqual({ photo: null, version: speaker.version });
    });

    it('an HTML file renamed .jpg: 415', async () => {
      const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
      const response = await upload(speaker.id, multipart(html, { filename: 'me.jpg', type: 'image/jpeg' }));
      expectStatus(response, 415);
      expect(errorOf(response).code).toBe('programme/photo-unsupported-type');
    });

    it('a GIF or an SVG: 415', async () => {
      const gif = await solid(200, 200).gif().toBuffer();
      expectStatus(await upload(speaker.id, multipart(gif, { filename: 'a.jpg' }), organiser), 415);
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"/>');
      expectStatus(
        await upload(speaker.id, multipart(svg, { filename: 'a.png', type: 'image/png' }), organiser),
        415,
      );
    });

    it('a decompression bomb (a PNG declaring 30,000 × 30,000): 422', async () => {
      const response = await upload(
        speaker.id,
        multipart(await pngBomb(), { filename: 'a.png', type: 'image/png' }),
      );
      expectStatus(response, 422);
      expect(errorOf(response)).toMatchObject({
        code: 'programme/photo-unreadable',
        details: { width: 30_000, height: 30_000 },
      });
    });

    it('a truncated JPEG and a tiny image: 422', async () => {
      const jpeg = await jpegWithExif();
      expectStatus(await upload(speaker.id, multipart(jpeg.subarray(0, 2000))), 422);
      expectStatus(await upload(speaker.id, multipart(await solid(40, 40).jpeg().toBuffer())), 422);
    });

    it('a file over 5 MB: 413', async () => {
      const response = await upload(speaker.id, multipart(Buffer.alloc(5 * 1024 * 1024 + 10, 0xff)));
      expectStatus(response, 413);
      expect(errorOf(response).code).toBe('programme/photo-too-large');
    });

    it('a body that is not multipart: 415; multipart without the photo field: 400', async () => {
      const json = await api.request({
        method: 'PUT',
        url: `/api/events/${A}/programme/speakers/${speaker.id}/photo`,
        cookie: organiser,
        payload: { photo: 'x' },
        ip: freshIp(),
      });
      expectStatus(json, 415);
      expectStatus(await upload(speaker.id, multipart(await jpegWithExif(), { field: 'file' })), 400);
    });

    it('a stale If-Match: 412', async () => {
      const response = await upload(speaker.id, multipart(await jpegWithExif()), organiser, {
        'if-match': '"99"',
      });
      expectStatus(response, 412);
    });

    it('anonymous: 401; an attendee, and the organiser of another event: 403; without the CSRF header: 403', async () => {
      const body = multipart(await jpegWithExif());
      expectStatus(await upload(speaker.id, body, null), 401);
      expectStatus(await upload(speaker.id, body, attendee), 403);
      const other = await upload(speaker.id, body, otherOrganiser);
      expectStatus(other, 403);
      expect(errorOf(other).code).toBe('identity/forbidden-role');
      const csrf = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'PUT',
          url: `/api/events/${A}/programme/speakers/${speaker.id}/photo`,
          payload: body.payload,
          headers: { ...body.headers, cookie: organiser, origin: 'https://evil.example' },
        });
      expect(csrf.statusCode).toBe(403);
    });

    it('50 MB: 413 after reading at most a little past 5 MB, declared or streamed', async () => {
      const fastify = api.app.getHttpAdapter().getInstance();
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      const { port } = fastify.server.address() as AddressInfo;
      const total = 50 * 1024 * 1024;
      const send = (declared: boolean) =>
        new Promise<{ status: number; sent: number }>((resolve, reject) => {
          const boundary = 'plenaryboundary';
          const head = Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          );
          let sent = 0;
          let answered = false;
          const request = httpRequest({
            host: '127.0.0.1',
            port,
            method: 'PUT',
            path: `/api/events/${A}/programme/speakers/${speaker.id}/photo`,
            headers: {
              'content-type': `multipart/form-data; boundary=${boundary}`,
              cookie: organiser,
              origin: TEST_ORIGIN,
              [CSRF_HEADER]: '1',
              ...(declared ? { 'content-length': String(total) } : {}),
            },
          });
          request.on('response', (response) => {
            answered = true;
            response.resume();
            response.on('end', () => resolve({ status: response.statusCode ?? 0, sent }));
          });
          request.on('error', (error) => (answered ? undefined : reject(error)));
          const chunk = Buffer.alloc(64 * 1024, 0xff);
          const pump = (): void => {
            if (sent === 0) request.write(head);
            while (!answered && sent < total) {
              sent += chunk.length;
              if (!request.write(chunk)) {
                request.once('drain', pump);
                return;
              }
            }
            if (!answered) request.end();
          };
          pump();
        });
      const declared = await send(true);
      expect(declared.status).toBe(413);
      const streamed = await send(false);
      expect(streamed.status).toBe(413);
      // Socket buffers let the client write somewhat ahead of what the server read; nowhere near 50 MB.
      expect(declared.sent).toBeLessThan(8 * 1024 * 1024);
      expect(streamed.sent).toBeLessThan(12 * 1024 * 1024);
    });
  });

  it('answers 404 for an unknown speaker before reading the body, and for media that do not exist', async () => {
    const response = await upload(randomUUID(), multipart(await jpegWithExif()), organiser);
    expectStatus(response, 404);
    expectStatus(
      await api.request({ url: '/api/media/speakers/0123456789abcdef0123456789abcdef/256.webp' }),
      404,
    );
    expectStatus(await api.request({ url: '/api/media/speakers/..%2F..%2Fetc/passwd' }), 404);
  });

  it('keeps a photo duplicated events share until no speaker names it', async () => {
    const speaker = await newSpeaker('Shared Photo');
    const uploaded = managedSpeakerSchema.parse(
      (await upload(speaker.id, multipart(await jpegWithExif()), organiser)).json(),
    );
    const id = /speakers\/([0-9a-f]{32})\//.exec(String(uploaded.photo?.url))?.[1];
    // Another speaker with the same photo (what duplicating an event does).
    const twin = await newSpeaker('Twin');
    await api.dataSource.query('UPDATE speakers SET photo = $1 WHERE id = $2', [id, twin.id]);
    const removed = await api.request({
      method: 'DELETE',
      url: `/api/events/${A}/programme/speakers/${speaker.id}/photo`,
      cookie: organiser,
      ip: freshIp(),
    });
    expectStatus(removed, 200);
    expect((await api.request({ url: String(uploaded.photo?.url) })).statusCode).toBe(200);
  });
});
