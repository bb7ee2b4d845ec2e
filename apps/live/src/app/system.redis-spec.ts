import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  createTestDatabase,
  testConfig,
  testRedisUrl,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { SystemGateway } from './system.gateway';
import { connectClient, signedInCookie, startLiveNode, TEST_ORIGIN, type TestClient } from './test-support';

describe('Live service across nodes (Redis streams adapter)', () => {
  let database: TestDatabase;
  const nodes: NestFastifyApplication[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all(nodes.map((node) => node.close()));
    await database.drop();
  });

  it('delivers a broadcast from node A to a client on node B', async () => {
    const config = testConfig({
      DATABASE_URL: database.url,
      PUBLIC_URL: TEST_ORIGIN,
      REDIS_URL: testRedisUrl(),
    });
    const session = await signedInCookie(config);
    const a = await startLiveNode(config);
    const b = await startLiveNode(config);
    nodes.push(a.app, b.app);
    const onB = await connectClient(b.url, session.cookie);
    await session.close();
    clients.push(onB);
    const received = new Promise<{ message: string }>((resolve) => onB.once('system:notice', resolve));
    a.app.get(SystemGateway).broadcastNotice('doors open in 5 minutes');
    await expect(received).resolves.toEqual({ message: 'doors open in 5 minutes' });
    const readiness: unknown = await (await fetch(`${a.url}/readyz`)).json();
    expect(readiness).toEqual({
      status: 'ready',
      checks: { postgres: 'up', redis: 'up', 'domain-events': 'up' },
    });
  });
});
