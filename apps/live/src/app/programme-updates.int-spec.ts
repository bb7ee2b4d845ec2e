import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LIVE_PROGRAMME_NAMESPACE,
  LIVE_SOCKET_PATH,
  createEventRequestSchema,
  type Ack,
  type ProgrammeChangedMessage,
  type ProgrammeClientToServerEvents,
  type ProgrammeServerToClientEvents,
  type ProgrammeWatching,
} from '@plenary/contracts';
import { publishDomainEvent, type AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import {
  ProgrammeRepository,
  ProgrammeWriter,
  REFERENCE_EVENT,
  REFERENCE_SESSIONS,
} from '@plenary/server-programme';
import { io, type Socket } from 'socket.io-client';
import {
  collect,
  connectClient,
  createTestPeople,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestPeople,
} from './test-support';

type ProgrammeClient = Socket<ProgrammeServerToClientEvents, ProgrammeClientToServerEvents>;

describe('Programme updates reach open pages over the live service (issue #12)', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let people: TestPeople;
  let writer: ProgrammeWriter;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: ProgrammeClient[] = [];

  /** A socket of the programme namespace, signed in with `cookie` or anonymous. */
  const connect = (node: number, cookie: string | null = null): Promise<ProgrammeClient> => {
    const socket: ProgrammeClient = io(`${nodes[node]?.url ?? ''}${LIVE_PROGRAMME_NAMESPACE}`, {
      path: LIVE_SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}) },
      reconnection: false,
      forceNew: true,
      timeout: 3000,
    });
    clients.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  };

  const watch = async (client: ProgrammeClient, eventId: unknown): Promise<Ack<ProgrammeWatching>> =>
    (await (
      client.timeout(3000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> }
    ).emitWithAck('programme:watch', { eventId })) as Ack<ProgrammeWatching>;

  /** Every `programme:changed` a client receives, with the time it arrived. */
  const recorder = (client: ProgrammeClient) => {
    const received: Array<{ at: number; message: ProgrammeChangedMessage }> = [];
    client.on('programme:changed', (message) => received.push({ at: Date.now(), message }));
    return received;
  };

  const waitFor = async <T>(check: () => T | undefined, timeoutMs = 2000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('not received in time');
      await new Promise((resolve) => setTimeout(resolve, 20)); // the polling interval
    }
  };

  /** Whether a recorded change is about `sessionId`. */
  const isAbout =
    (sessionId: string) =>
    ({ message }: { message: ProgrammeChangedMessage }): boolean =>
      message.sessionIds.includes(sessionId);

  /** Retitles a session through the programme's writer, as the editor's PATCH does, and commits. */
  const retitle = async (eventId: string, sessionId: string, title: string): Promise<void> => {
    await people.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<Array<{ version: number }>>(
        'SELECT version FROM sessions WHERE id = $1',
        [sessionId],
      );
      await writer.updateSession(manager, eventId, sessionId, row?.version ?? 0, { title });
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
    people = await createTestPeople(config);
    writer = new ProgrammeWriter(new ProgrammeRepository(people.dataSource));
    // No Redis: PostgreSQL NOTIFY alone connects the nodes; each must tell its own sockets, once.
    nodes.push(await startLiveNode(config), await startLiveNode(config));
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    for (const node of nodes) await node.app.close();
    await people.close();
    await database.drop();
  });

  it('tells anonymous and signed-in watchers of a published event, on every node, once, within 2 s', async () => {
    const sessionId = REFERENCE_SESSIONS[1]?.id ?? '';
    const visitor = await connect(0);
    const attendee = await connect(1, (await people.add({ registration: 'approved' })).cookie);
    const idle = await connect(0); // connected, watching nothing
    for (const client of [visitor, attendee])
      expect(await watch(client, REFERENCE_EVENT.id)).toEqual({
        ok: true,
        data: { eventId: REFERENCE_EVENT.id, team: false },
      });
    const seen = [visitor, attendee, idle].map(recorder);

    const committed = Date.now();
    await retitle(REFERENCE_EVENT.id, sessionId, 'A retitled session');

    for (const received of seen.slice(0, 2)) {
      const first = await waitFor(() => received[0]);
      expect(first.message).toEqual({
        eventId: REFERENCE_EVENT.id,
        sessionIds: [sessionId],
        scope: 'sessions',
        programmeVersion: expect.any(Number),
      });
      expect(first.at - committed).toBeLessThan(2000);
    }
    // Fence: the idle socket watches now and a second change follows. Each node handles notifications in order and
    // a socket receives in order, so once the second change reached all three, a duplicate of the first (or one
    // sent to the idle socket) would have arrived before it.
    expect((await watch(idle, REFERENCE_EVENT.id)).ok).toBe(true);
    const fenceSession = REFERENCE_SESSIONS[3]?.id ?? '';
    await retitle(REFERENCE_EVENT.id, fenceSession, 'A fence title');
    await waitFor(() => (seen.every((received) => received.some(isAbout(fenceSession))) ? true : undefined));
    expect(seen.map((received) => received.map(({ message }) => message.sessionIds))).toEqual([
      [[sessionId], [fenceSession]],
      [[sessionId], [fenceSession]],
      [[fenceSession]],
    ]);
  });

  it('stops telling a socket that unwatched', async () => {
    const visitor = await connect(0);
    expect((await watch(visitor, REFERENCE_EVENT.id)).ok).toBe(true);
    const ack = (await (
      visitor.timeout(3000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<unknown> }
    ).emitWithAck('programme:unwatch', { eventId: REFERENCE_EVENT.id })) as Ack<unknown>;
    expect(ack.ok).toBe(true);
    const received = recorder(visitor);
    const other = await connect(0);
    expect((await watch(other, REFERENCE_EVENT.id)).ok).toBe(true);
    const otherReceived = recorder(other);
    await retitle(REFERENCE_EVENT.id, REFERENCE_SESSIONS[2]?.id ?? '', 'Another title');
    await waitFor(() => otherReceived[0]);
    // Fence: watching again, the visitor hears the next change; the one before it would have come first.
    expect((await watch(visitor, REFERENCE_EVENT.id)).ok).toBe(true);
    const fenceSession = REFERENCE_SESSIONS[3]?.id ?? '';
    await retitle(REFERENCE_EVENT.id, fenceSession, 'Yet another title');
    await waitFor(() => received[0]);
    expect(received.map(({ message }) => message.sessionIds)).toEqual([[fenceSession]]);
  });

  it('announces a draft to its team only: visitors cannot watch it and never hear of its changes', async () => {
    const created = await people.dataSource.transaction((manager) =>
      writer.createEvent(
        manager,
        createEventRequestSchema.parse({
          slug: 'draft-live-2030',
          name: 'Draft live',
          startDate: '2030-05-01',
          endDate: '2030-05-02',
          timeZone: 'Europe/Vienna',
        }),
      ),
    );
    const eventId = created.value.id;
    const session = await people.dataSource.transaction((manager) =>
      writer.createSession(manager, eventId, {
        kind: 'talk',
        title: 'Draft talk',
        abstract: null,
        startsLocal: '2030-05-01T09:30',
        endsLocal: '2030-05-01T10:00',
        roomId: null,
        speakers: [],
        qaEnabled: true,
        pollsEnabled: true,
        confidential: false,
        visibility: 'public',
        cancelled: false,
        externalId: null,
      }),
    );
    const organiser = await people.add({ roles: ['organiser'], eventId });
    const team = await connect(1, organiser.cookie);
    const visitor = await connect(0);
    const stranger = await connect(0, (await people.add({ registration: 'approved' })).cookie);

    expect(await watch(team, eventId)).toEqual({ ok: true, data: { eventId, team: true } });
    for (const client of [visitor, stranger]) {
      const refused = await watch(client, eventId);
      expect(refused.ok ? null : refused.error.code).toBe('programme/event-not-found');
    }
    const teamSeen = recorder(team);
    await retitle(eventId, session.value.session.id, 'Draft talk, renamed');
    expect((await waitFor(() => teamSeen[0])).message.sessionIds).toEqual([session.value.session.id]);

    // Published, a visitor watches; back to draft, the visitor hears nothing more while the team still does.
    await people.dataSource.query(`UPDATE events SET status = 'published' WHERE id = $1`, [eventId]);
    expect((await watch(visitor, eventId)).ok).toBe(true);
    const visitorSeen = recorder(visitor);
    await retitle(eventId, session.value.session.id, 'Published title');
    await waitFor(() => visitorSeen[0]);
    await people.dataSource.query(`UPDATE events SET status = 'draft' WHERE id = $1`, [eventId]);
    await retitle(eventId, session.value.session.id, 'Draft again');
    await waitFor(() => teamSeen[2]);
    // Fence: both sockets also watch the published reference event, whose next change reaches them after anything
    // their node sent them about the draft before (each node handles notifications in commit order).
    for (const client of [visitor, team]) expect((await watch(client, REFERENCE_EVENT.id)).ok).toBe(true);
    const fenceSession = REFERENCE_SESSIONS[3]?.id ?? '';
    /** The n-th change of the reference session, waited for on both sockets. */
    const fence = async (n: number): Promise<void> => {
      await retitle(REFERENCE_EVENT.id, fenceSession, `Fence ${n}`);
      await waitFor(() =>
        [visitorSeen, teamSeen].every((seen) => seen.filter(isAbout(fenceSession)).length >= n)
          ? true
          : undefined,
      );
    };
    await fence(1);
    expect(visitorSeen.filter(({ message }) => message.eventId === eventId)).toHaveLength(1);

    // Signed out, the organiser's socket is a visitor's: no more draft changes. (The sign-out is a domain event
    // committed before the change, so the node applies it first.)
    await organiser.revoke();
    await retitle(eventId, session.value.session.id, 'After sign-out');
    await fence(2);
    expect(teamSeen.filter(({ message }) => message.eventId === eventId)).toHaveLength(3);
  });

  it('answers a bad payload with core/validation-failed and an unknown event as not found', async () => {
    const visitor = await connect(0);
    const invalid = await watch(visitor, 'not-a-uuid');
    expect(invalid.ok ? null : invalid.error.code).toBe('core/validation-failed');
    const unknown = await watch(visitor, '00000000-0000-4000-8000-00000000ffff');
    expect(unknown.ok ? null : unknown.error.code).toBe('programme/event-not-found');
    expect(visitor.connected).toBe(true);
  });

  it('tells the sockets in a cancelled session to rejoin (engagement.session-closed)', async () => {
    const sessionId = REFERENCE_SESSIONS[4]?.id ?? '';
    const attendee = await connectClient(
      nodes[1]?.url ?? '',
      (await people.add({ registration: 'approved' })).cookie,
    );
    try {
      expect((await request(attendee, 'session:join', { sessionId })).ok).toBe(true);
      const resync = collect(attendee, 'session:resync');
      await people.dataSource.transaction((manager) =>
        publishDomainEvent(manager, {
          type: 'engagement.session-closed',
          eventId: REFERENCE_EVENT.id,
          sessionId,
        }),
      );
      expect(await resync).toEqual([{ sessionId, reason: 'server' }]);
    } finally {
      attendee.close();
    }
  });

  it('still refuses anonymous sockets on the default namespace', async () => {
    const socket = io(nodes[0]?.url ?? '', {
      path: LIVE_SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: { origin: TEST_ORIGIN },
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(error.message).toBe('identity/unauthenticated');
  });
});
