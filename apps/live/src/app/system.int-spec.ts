import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import {
  connectClient,
  ping,
  signedInCookie,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
} from './test-support';

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

  it('closes a socket that sends more than the payload limit', async () => {
    const client = await connectClient(url, session.cookie);
    clients.push(client);
    const closed = new Promise<string>((resolve) => client.once('disconnect', resolve));
    client.emit('system:ping', { sentAt: 1, padding: 'x'.repeat(2 * 1024 * 1024) } as never, () => undefined);
    await expect(closed).resolves.toBe('transport close');
  });

  it('serves health, readiness and a connected-sockets gauge', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/plenary_connected_sockets\{service="live"\} [1-9]/);
  });
});
