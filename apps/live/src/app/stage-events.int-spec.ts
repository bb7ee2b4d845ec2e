import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServerToClientEvents, StageState } from '@plenary/contracts';
import { publishDomainEvent, type AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  collect,
  connectClient,
  createTestPeople,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

/** Counts every arrival of a server event on a client, to check later that nothing came twice or astray. */
function counter(client: TestClient, event: keyof ServerToClientEvents): () => number {
  let seen = 0;
  client.on(event, () => (seen += 1));
  return () => seen;
}

const settle = (ms = 250): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Stage signals reach the sockets over domain events (two live nodes)', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let people: TestPeople;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: TestClient[] = [];

  const connect = async (node: number, cookie: string): Promise<TestClient> => {
    const client = await connectClient(nodes[node]?.url ?? '', cookie);
    clients.push(client);
    return client;
  };

  /** A client of one node that joined the session's live channel. */
  const joined = async (node: number, cookie: string, sessionId: string): Promise<TestClient> => {
    const client = await connect(node, cookie);
    const ack = await request(client, 'session:join', { sessionId });
    expect(ack.ok).toBe(true);
    return client;
  };

  const newSession = async (): Promise<string> => {
    const id = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Stage panel', now(), now() + interval '1 hour')`,
      [id, REFERENCE_EVENT.id],
    );
    return id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
    people = await createTestPeople(config);
    // No Redis: only PostgreSQL NOTIFY connects the nodes, so each acts on its own sockets.
    nodes.push(await startLiveNode(config), await startLiveNode(config));
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    for (const node of nodes) await node.app.close();
    await people.close();
    await database.drop();
  });

  it('pushes a stage change to everyone in the session on both nodes, once each', async () => {
    const sessionId = await newSession();
    const otherSessionId = await newSession();
    const moderator = await people.add({ roles: ['moderator'] });
    const ada = await people.add({ registration: 'approved' });
    const bob = await people.add({ registration: 'approved' });
    const onA = await joined(0, ada.cookie, sessionId);
    const onB = await joined(1, bob.cookie, sessionId);
    const mod = await joined(1, moderator.cookie, sessionId);
    const elsewhere = await joined(
      0,
      (await people.add({ registration: 'approved' })).cookie,
      otherSessionId,
    );
    const counts = [onA, onB, mod, elsewhere].map((client) => counter(client, 'stage:changed'));
    const seen = [onA, onB, mod].map((client) => collect(client, 'stage:changed'));

    const stage: StageState = {
      sessionId,
      state: 'live',
      backstageOpen: true,
      recording: false,
      recordingAvailable: false,
      confidential: false,
    };
    await people.dataSource.transaction((manager) =>
      publishDomainEvent(manager, {
        type: 'media.stage-changed',
        eventId: REFERENCE_EVENT.id,
        sessionId,
        stage,
      }),
    );
    for (const payloads of await Promise.all(seen)) expect(payloads).toEqual([stage]);
    await settle();
    expect(counts.map((count) => count())).toEqual([1, 1, 1, 0]);
  });

  it('tells the moderators on both nodes that the hand queue changed, and the person their own status', async () => {
    const sessionId = await newSession();
    const modA = await joined(0, (await people.add({ roles: ['moderator'] })).cookie, sessionId);
    const modB = await joined(1, (await people.add({ roles: ['organiser'] })).cookie, sessionId);
    const cleo = await people.add({ registration: 'approved' });
    const cleoWatching = await joined(1, cleo.cookie, sessionId);
    // Another of Cleo's windows that did not join the session still hears of the invitation.
    const cleoElsewhere = await connect(0, cleo.cookie);
    const bystander = await joined(0, (await people.add({ registration: 'approved' })).cookie, sessionId);

    const queueCounts = [modA, modB, cleoWatching, cleoElsewhere, bystander].map((client) =>
      counter(client, 'stage:hands-changed'),
    );
    const handCounts = [modA, modB, cleoWatching, cleoElsewhere, bystander].map((client) =>
      counter(client, 'stage:my-hand'),
    );
    const modsSeen = [modA, modB].map((client) => collect(client, 'stage:hands-changed'));
    const cleoSeen = [cleoWatching, cleoElsewhere].map((client) => collect(client, 'stage:my-hand'));

    await publishDomainEvent(people.dataSource, {
      type: 'media.hand-changed',
      eventId: REFERENCE_EVENT.id,
      sessionId,
      personId: cleo.personId,
      status: 'invited',
    });
    for (const payloads of await Promise.all(modsSeen)) expect(payloads).toEqual([{ sessionId }]);
    for (const payloads of await Promise.all(cleoSeen)) {
      expect(payloads).toEqual([{ sessionId, status: 'invited' }]);
    }
    await settle();
    // The queue signal reached the moderators only, and the hand status only Cleo.
    expect(queueCounts.map((count) => count())).toEqual([1, 1, 0, 0, 0]);
    expect(handCounts.map((count) => count())).toEqual([0, 0, 1, 1, 0]);
  });

  it('sends no stage signal for a change rolled back with its transaction', async () => {
    const sessionId = await newSession();
    const client = await joined(0, (await people.add({ registration: 'approved' })).cookie, sessionId);
    const count = counter(client, 'stage:changed');
    await expect(
      people.dataSource.transaction(async (manager) => {
        await publishDomainEvent(manager, {
          type: 'media.stage-changed',
          eventId: REFERENCE_EVENT.id,
          sessionId,
          stage: {
            sessionId,
            state: 'ended',
            backstageOpen: false,
            recording: false,
            recordingAvailable: false,
            confidential: false,
          },
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await settle(300);
    expect(count()).toBe(0);
  });
});
