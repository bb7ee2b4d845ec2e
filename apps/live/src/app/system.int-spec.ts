import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LIVE_SOCKET_PATH } from '@plenary/contracts';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { request as httpRequest } from 'node:http';
import {
  connectClient,
  ping,
  signedInCookie,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
} from './test-support';

const EVIL_ORIGIN = 'https://evil.example';

/** One raw engine.io HTTP request (what a browser's polling transport sends); resolves with status and body. */
function engineRequest(
  url: string,
  query: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${LIVE_SOCKET_PATH}/?EIO=4&${query}`,
      {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'text/plain;charset=UTF-8' }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Asks to upgrade an engine.io session to a websocket; resolves with 101 when accepted, else the refusal's status. */
function upgradeStatus(url: string, sid: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${LIVE_SOCKET_PATH}/?EIO=4&transport=websocket&sid=${sid}`, {
      headers: {
        ...headers,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': Buffer.from('plenary-upgrade!').toString('base64'),
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('Live service', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;
  let session: Awaited<ReturnType<typeof signedInCookie>>;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
    session = await signedInCookie(config);
    ({ app, url } = await startLiveNode(config));
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await app.close();
    await session.close();
    await database.drop();
  });

  it('answers system:ping with an ack carrying the server time', async () => {
    const client = await connectClient(url, session.cookie);
    clients.push(client);
    const sentAt = Date.now();
    const ack = await ping(client, { sentAt });
    expect(ack).toEqual({
      ok: true,
      data: { sentAt, serverTime: expect.any(Number), node: expect.any(String) },
    });
  });

  it('answers an invalid payload with a validation nack and stays up', async () => {
    const client = await connectClient(url, session.cookie);
    clients.push(client);
    const ack = await ping(client, { sentAt: 'yesterday' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'core/validation-failed' } });
    const again = await ping(client, { sentAt: 1 });
    expect(again.ok).toBe(true);
  });

  it('refuses a handshake from an origin that is not allowed', async () => {
    await expect(connectClient(url, session.cookie, 'https://evil.example')).rejects.toThrow();
  });

  it('checks the Origin of every engine.io request of an open session: polling and the websocket upgrade', async () => {
    const ours = { origin: TEST_ORIGIN, cookie: session.cookie };
    const evil = { origin: EVIL_ORIGIN, cookie: session.cookie };
    expect((await engineRequest(url, 'transport=polling', evil)).status).toBe(403);
    const opened = await engineRequest(url, 'transport=polling', ours);
    expect(opened.status).toBe(200);
    const { sid } = JSON.parse(opened.body.slice(1)) as { sid: string };
    // The session exists; the same requests from another origin are refused, from ours they go through.
    expect(await engineRequest(url, `transport=polling&sid=${sid}`, evil, '40')).toEqual({
      status: 403,
      body: JSON.stringify({ code: 4, message: 'Forbidden' }),
    });
    expect(await upgradeStatus(url, sid, evil)).toBe(403);
    expect(await upgradeStatus(url, sid, { cookie: session.cookie })).toBe(403);
    expect((await engineRequest(url, `transport=polling&sid=${sid}`, ours, '40')).status).toBe(200);
    expect(await upgradeStatus(url, sid, ours)).toBe(101);
  });

  it('refuses a handshake without a session, with a forged one, or with a revoked one', async () => {
    await expect(connectClient(url, null)).rejects.toThrow('identity/unauthenticated');
    await expect(connectClient(url, `plenary_session=${'A'.repeat(43)}`)).rejects.toThrow(
      'identity/unauthenticated',
    );
    const other = await signedInCookie(testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN }));
    const accepted = await connectClient(url, other.cookie);
    accepted.close();
    await other.revoke();
    await expect(connectClient(url, other.cookie)).rejects.toThrow('identity/unauthenticated');
    await other.close();
  });

  it('accepts a message just below the 64 KB payload limit and closes a socket that sends one just above it', async () => {
    const client = await connectClient(url, session.cookie);
    clients.push(client);
    // The encoded packet is `42["system:ping",{...,"padding":"xx…"}]` plus an ack id: ~60 bytes of framing.
    const below = await ping(client, { sentAt: 1, padding: 'x'.repeat(64 * 1024 - 200) });
    expect(below.ok).toBe(true);
    expect(client.connected).toBe(true);
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve));
    client.emit('system:ping', { sentAt: 1, padding: 'x'.repeat(64 * 1024 + 200) } as never, () => undefined);
    // Fence: a ping sent after the oversized message is answered only if the server kept the socket open.
    const answered = ping(client, { sentAt: 2 }).then(
      () => 'still open',
      () => 'no answer',
    );
    await expect(Promise.race([closed, answered])).resolves.toBe('transport close');
  });

  it('serves health, readiness and a connected-sockets gauge', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/plenary_connected_sockets\{service="live"\} [1-9]/);
  });
});
