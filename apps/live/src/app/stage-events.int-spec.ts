import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { StageState } from '@plenary/contracts';
import { publishDomainEvent, type AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

type StageSignal = 'stage:changed' | 'stage:hands-changed' | 'stage:my-hand';

/**
 * Records every stage signal a client receives, in arrival order, to check later that nothing came twice or astray.
 * "Nothing else" is checked behind a fence: a later signal the client does receive. A node handles domain events in
 * commit order and a socket receives in order, so anything sent before the fence has arrived with it.
 */
function recorder(client: TestClient): Array<[StageSignal, unknown]> {
  const log: Array<[StageSignal, unknown]> = [];
  for (const event of ['stage:changed', 'stage:hands-changed', 'stage:my-hand'] as const)
    client.on(event, (payload: unknown) => log.push([event, payload]));
  return log;
}

/** A stage in `state` of the session, as the api publishes it. */
const stageOf = (sessionId: string, state: StageState['state']): StageState => ({
  sessionId,
  state,
  backstageOpen: false,
  recording: false,
  recordingAvailable: false,
  confidential: false,
});

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
    const logs = [onA, onB, mod, elsewhere].map(recorder);

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
    // Fences: a later change in each session.
    const fence = stageOf(sessionId, 'ended');
    const otherFence = stageOf(otherSessionId, 'ended');
    for (const next of [fence, otherFence]) {
      await publishDomainEvent(people.dataSource, {
        type: 'media.stage-changed',
        eventId: REFERENCE_EVENT.id,
        sessionId: next.sessionId,
        stage: next,
      });
    }
    const expected = [
      ['stage:changed', stage],
      ['stage:changed', fence],
    ];
    await eventually(async () =>
      logs.every((log, index) => log.length >= (index < 3 ? 2 : 1)) ? true : undefined,
    );
    expect(logs).toEqual([expected, expected, expected, [['stage:changed', otherFence]]]);
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

    const logs = [modA, modB, cleoWatching, cleoElsewhere, bystander].map(recorder);

    await publishDomainEvent(people.dataSource, {
      type: 'media.hand-changed',
      eventId: REFERENCE_EVENT.id,
      sessionId,
      personId: cleo.personId,
      status: 'invited',
    });
    // Fences: a stage change reaches everyone in the session, and Cleo's window elsewhere hears her next status.
    const fence = stageOf(sessionId, 'ended');
    await publishDomainEvent(people.dataSource, {
      type: 'media.stage-changed',
      eventId: REFERENCE_EVENT.id,
      sessionId,
      stage: fence,
    });
    await publishDomainEvent(people.dataSource, {
      type: 'media.hand-changed',
      eventId: REFERENCE_EVENT.id,
      sessionId,
      personId: cleo.personId,
      status: 'none',
    });
    const [modALog, modBLog, watchingLog, elsewhereLog, bystanderLog] = logs;
    await eventually(async () =>
      [modALog, modBLog, watchingLog].every((log) => (log?.length ?? 0) >= 3) &&
      (elsewhereLog?.length ?? 0) >= 2 &&
      (bystanderLog?.length ?? 0) >= 1
        ? true
        : undefined,
    );
    // The queue signal reached the moderators only, and the hand status only Cleo.
    const moderatorSaw = [
      ['stage:hands-changed', { sessionId }],
      ['stage:changed', fence],
      ['stage:hands-changed', { sessionId }],
    ];
    expect(logs).toEqual([
      moderatorSaw,
      moderatorSaw,
      [
        ['stage:my-hand', { sessionId, status: 'invited' }],
        ['stage:changed', fence],
        ['stage:my-hand', { sessionId, status: 'none' }],
      ],
      [
        ['stage:my-hand', { sessionId, status: 'invited' }],
        ['stage:my-hand', { sessionId, status: 'none' }],
      ],
      [['stage:changed', fence]],
    ]);
  });

  it('sends no stage signal for a change rolled back with its transaction', async () => {
    const sessionId = await newSession();
    const client = await joined(0, (await people.add({ registration: 'approved' })).cookie, sessionId);
    const log = recorder(client);
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
    // Fence: a committed change after it.
    const fence = stageOf(sessionId, 'live');
    await publishDomainEvent(people.dataSource, {
      type: 'media.stage-changed',
      eventId: REFERENCE_EVENT.id,
      sessionId,
      stage: fence,
    });
    await eventually(async () => (log.length >= 1 ? true : undefined));
    expect(log).toEqual([['stage:changed', fence]]);
  });
});
