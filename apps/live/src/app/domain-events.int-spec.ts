import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DOMAIN_EVENTS_CHANNEL } from '@plenary/contracts';
import { SessionService } from '@plenary/server-access';
import { publishDomainEvent, type AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  collect,
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
} from './test-support';

/** Resolves with the time it took the server to close the client's socket (rejects after `timeoutMs`). */
function serverDisconnect(client: TestClient, timeoutMs = 2000): Promise<number> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
    client.once('disconnect', (reason) => {
      clearTimeout(timer);
      if (reason === 'io server disconnect') resolve(Date.now() - start);
      else reject(new Error(`disconnected by ${reason}`));
    });
  });
}

describe('Domain events from the api reach the sockets (PostgreSQL NOTIFY)', () => {
  let database: TestDatabase;
  let config: AppConfig;
  let people: TestPeople;
  let sessions: SessionService;
  const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
  const clients: TestClient[] = [];

  const connect = async (node: number, cookie: string): Promise<TestClient> => {
    const client = await connectClient(nodes[node]?.url ?? '', cookie);
    clients.push(client);
    return client;
  };

  /** A second sign-in session of the same person (another browser). */
  const signInAgain = async (personId: string): Promise<{ cookie: string; sessionId: string }> => {
    const { cookie } = await sessions.create(personId);
    const rows = await people.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM auth_sessions WHERE person_id = $1 ORDER BY created_at DESC LIMIT 1',
      [personId],
    );
    return { cookie: cookie.split(';')[0] ?? '', sessionId: rows[0]?.id ?? '' };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig({ DATABASE_URL: database.url, PUBLIC_URL: TEST_ORIGIN });
    people = await createTestPeople(config);
    sessions = new SessionService(people.dataSource, config);
    // Two nodes without Redis: only PostgreSQL connects them, so each must act on the events by itself.
    nodes.push(await startLiveNode(config), await startLiveNode(config));
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    for (const node of nodes) await node.app.close();
    await people.close();
    await database.drop();
  });

  it('disconnects every socket of a person on every node within 2 s of "sign out everywhere"', async () => {
    const ada = await people.add({ registration: 'approved' });
    const onA = await connect(0, ada.cookie);
    const onB = await connect(1, ada.cookie);
    const bystander = await connect(0, (await people.add({ registration: 'approved' })).cookie);
    const notices = collect(onA, 'account:signed-out');
    const closed = Promise.all([serverDisconnect(onA), serverDisconnect(onB)]);
    await ada.revoke();
    const [afterA, afterB] = await closed;
    expect(Math.max(afterA, afterB)).toBeLessThan(2000);
    expect(await notices).toEqual([{ reason: 'session-ended' }]);
    expect(bystander.connected).toBe(true);
    // The ended session cannot come back.
    await expect(connectClient(nodes[1]?.url ?? '', ada.cookie)).rejects.toThrow('identity/unauthenticated');
  });

  it('signing out one browser leaves the person\u2019s other sign-in session connected', async () => {
    const bob = await people.add({ registration: 'approved' });
    const laptop = await connect(0, bob.cookie);
    const phone = await signInAgain(bob.personId);
    const phoneSocket = await connect(1, phone.cookie);
    const closed = serverDisconnect(phoneSocket);
    await sessions.revoke(phone.sessionId);
    await closed;
    expect(laptop.connected).toBe(true);
    expect((await request(laptop, 'system:ping', { sentAt: 1 })).ok).toBe(true);
  });

  it('tells the person\u2019s open clients, once each, that they were admitted at the door', async () => {
    const cleo = await people.add({ registration: 'approved' });
    const onA = await connect(0, cleo.cookie);
    const onB = await connect(1, cleo.cookie);
    const other = await connect(0, (await people.add({ registration: 'approved' })).cookie);
    // Every delivery is counted from the start, on both of the person's clients and on someone else's.
    const seen: Record<'a' | 'b' | 'other', unknown[]> = { a: [], b: [], other: [] };
    onA.on('attendance:presence', (payload) => seen.a.push(payload));
    onB.on('attendance:presence', (payload) => seen.b.push(payload));
    other.on('attendance:presence', (payload) => seen.other.push(payload));
    const event = { eventId: REFERENCE_EVENT.id, personId: cleo.personId, day: '2021-09-14' };
    await people.dataSource.transaction((manager) =>
      publishDomainEvent(manager, { type: 'checkin.admitted', ...event }),
    );
    await publishDomainEvent(people.dataSource, { type: 'checkin.undone', ...event });
    // A last event as a fence: notifications arrive in order and each node applies them in order, so once the
    // fence has reached both clients, any duplicate of the two events before it would have arrived too.
    await publishDomainEvent(people.dataSource, { type: 'checkin.admitted', ...event, day: '2021-09-15' });
    const expected = [
      { eventId: event.eventId, day: event.day, inRoom: true },
      { eventId: event.eventId, day: event.day, inRoom: false },
      { eventId: event.eventId, day: '2021-09-15', inRoom: true },
    ];
    await eventually(async () => (seen.a.length >= 3 && seen.b.length >= 3 ? true : undefined));
    expect(seen).toEqual({ a: expected, b: expected, other: [] });
  });

  it('sends nothing for an event rolled back with its transaction', async () => {
    const dan = await people.add({ registration: 'approved' });
    const client = await connect(0, dan.cookie);
    const received: unknown[] = [];
    client.on('attendance:presence', (payload) => received.push(payload));
    const event = { eventId: REFERENCE_EVENT.id, personId: dan.personId };
    await expect(
      people.dataSource.transaction(async (manager) => {
        await publishDomainEvent(manager, { type: 'checkin.admitted', ...event, day: '2021-09-14' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // Fence: an event committed afterwards arrives; the rolled-back one would have come before it.
    await publishDomainEvent(people.dataSource, { type: 'checkin.admitted', ...event, day: '2021-09-15' });
    await eventually(async () => (received.length >= 1 ? true : undefined));
    expect(received).toEqual([{ eventId: REFERENCE_EVENT.id, day: '2021-09-15', inRoom: true }]);
  });

  it('asks a person whose registration was cancelled to rejoin, and the rejoin is refused', async () => {
    const eve = await people.add({ registration: 'approved' });
    const client = await connect(0, eve.cookie);
    const sessionId = randomUUID();
    await people.dataSource.query(
      `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at)
       VALUES ($1, $2, 'panel', 'Test panel', now(), now() + interval '1 hour')`,
      [sessionId, REFERENCE_EVENT.id],
    );
    const joined = await request(client, 'session:join', { sessionId });
    expect(joined.ok).toBe(true);
    const resync = collect(client, 'session:resync');
    await people.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE registrations SET status = 'cancelled' WHERE person_id = $1 AND event_id = $2`,
        [eve.personId, REFERENCE_EVENT.id],
      );
      await publishDomainEvent(manager, {
        type: 'access.registration-changed',
        eventId: REFERENCE_EVENT.id,
        personId: eve.personId,
        status: 'cancelled',
      });
    });
    expect(await resync).toEqual([{ sessionId, reason: 'access' }]);
    // The 2 s access cache was dropped for this person: the rejoin is refused at once.
    expect(await request(client, 'session:join', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'registration/not-approved' },
    });
  });

  it('tells the person\u2019s open clients, on every node, that their registration or ticket changed', async () => {
    const fay = await people.add({ registration: 'approved' });
    const onA = await connect(0, fay.cookie);
    const onB = await connect(1, fay.cookie);
    const other = await connect(0, (await people.add({ registration: 'approved' })).cookie);
    const seen: Record<'a' | 'b' | 'other', unknown[]> = { a: [], b: [], other: [] };
    onA.on('account:registration-changed', (payload) => seen.a.push(payload));
    onB.on('account:registration-changed', (payload) => seen.b.push(payload));
    other.on('account:registration-changed', (payload) => seen.other.push(payload));
    const ids = { eventId: REFERENCE_EVENT.id, personId: fay.personId };
    await publishDomainEvent(people.dataSource, { type: 'access.ticket-reissued', ...ids });
    await publishDomainEvent(people.dataSource, {
      type: 'access.registration-changed',
      ...ids,
      status: 'cancelled',
    });
    const expected = [
      { eventId: REFERENCE_EVENT.id, reason: 'ticket' },
      { eventId: REFERENCE_EVENT.id, reason: 'status' },
    ];
    await eventually(async () => (seen.a.length >= 2 && seen.b.length >= 2 ? true : undefined));
    expect(seen).toEqual({ a: expected, b: expected, other: [] });
  });

  it('ignores malformed and unknown payloads and keeps delivering', async () => {
    const fay = await people.add({ registration: 'approved' });
    const client = await connect(1, fay.cookie);
    for (const payload of ['not json', '{"type":"from.the.future"}', '{"type":"checkin.admitted"}', '[]']) {
      await people.dataSource.query('SELECT pg_notify($1, $2)', [DOMAIN_EVENTS_CHANNEL, payload]);
    }
    const closed = serverDisconnect(client);
    await fay.revoke();
    await closed;
    const ready = await fetch(`${nodes[1]?.url ?? ''}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('after losing its listening connection, reconnects and signs out sessions that ended meanwhile', async () => {
    const gus = await people.add({ registration: 'approved' });
    const client = await connect(0, gus.cookie);
    const closed = serverDisconnect(client, 10_000);
    // Cut every node's LISTEN connection, and end the session without any NOTIFY while they are away.
    await people.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'plenary-live-events' AND datname = current_database()`,
    );
    await people.dataSource.query('UPDATE auth_sessions SET revoked_at = now() WHERE person_id = $1', [
      gus.personId,
    ]);
    await closed;
    // Both nodes listen again, and /readyz says so.
    await eventually(async () => {
      const rows = await people.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE application_name = 'plenary-live-events' AND datname = current_database()`,
      );
      return rows[0]?.n === 2 ? true : undefined;
    }, 10_000);
    const hal = await people.add({ registration: 'approved' });
    const next = await connect(1, hal.cookie);
    const nextClosed = serverDisconnect(next);
    await hal.revoke();
    await nextClosed;
    const body = (await (await fetch(`${nodes[0]?.url ?? ''}/readyz`)).json()) as {
      checks: Record<string, string>;
    };
    expect(body.checks['domain-events']).toBe('up');
  }, 20_000);
});
