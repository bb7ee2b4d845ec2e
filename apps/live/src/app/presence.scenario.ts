import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  attendanceRecordListSchema,
  attendanceSummarySchema,
  type Ack,
  type AttendanceRecord,
  type AttendanceSummary,
} from '@plenary/contracts';
import { ACCESS_ENTITIES, AccessModule } from '@plenary/server-access';
import { CHECKIN_ENTITIES, CheckinModule } from '@plenary/server-checkin';
import { CORE_ENTITIES, CoreModule, createHttpApp, createLogger, type AppConfig } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import {
  ENGAGEMENT_ENTITIES,
  PresenceReadModule,
  PresenceReader,
  PresenceTracker,
} from '@plenary/server-engagement';
import { MEDIA_ENTITIES, MediaAttendanceService, MediaModule } from '@plenary/server-media';
import {
  PROGRAMME_ENTITIES,
  ProgrammeModule,
  REFERENCE_EVENT,
  REFERENCE_SESSIONS,
} from '@plenary/server-programme';
import {
  connectClient,
  createTestPeople,
  eventually,
  request,
  startLiveNode,
  TEST_ORIGIN,
  type TestClient,
  type TestPeople,
  type TestPerson,
} from './test-support';

/** Short presence timings, so a dead node expires within a second. */
const PRESENCE = { heartbeatMs: 200, ttlMs: 1000, flushMs: 50 };

@Module({})
class AttendanceApiModule {}

/** The api's attendance report, wired as apps/api wires it (door, media and the live nodes' presence). */
async function startAttendanceApi(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createLogger(config, 'api');
  const module: DynamicModule = {
    module: AttendanceApiModule,
    imports: [
      CoreModule.forRoot({
        app: 'api',
        config,
        logger,
        entities: [
          ...CORE_ENTITIES,
          ...PROGRAMME_ENTITIES,
          ...ACCESS_ENTITIES,
          ...MEDIA_ENTITIES,
          ...ENGAGEMENT_ENTITIES,
          ...CHECKIN_ENTITIES,
        ],
      }),
      ProgrammeModule,
      AccessModule,
      MediaModule,
      CheckinModule.withSources({
        imports: [MediaModule, PresenceReadModule],
        media: MediaAttendanceService,
        presence: PresenceReader,
      }),
    ],
  };
  const app = await createHttpApp(module, { logger, apiPrefix: true });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

function data<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/**
 * Two live nodes, one api: the api's attendance report counts the people connected on both nodes, and the sockets
 * of a node that dies without a word stop counting once its heartbeat expires. Run without Redis (the embedded
 * default: PostgreSQL connects the nodes) and with the Redis streams adapter.
 */
export function describePresenceAcrossNodes(title: string, env: Partial<Record<string, string>> = {}): void {
  describe(title, () => {
    let database: TestDatabase;
    let people: TestPeople;
    let api: NestFastifyApplication;
    let organiser: TestPerson;
    const nodes: Array<{ app: NestFastifyApplication; url: string }> = [];
    const clients: TestClient[] = [];
    const [first, second] = REFERENCE_SESSIONS;
    const sessionA = first?.id ?? '';
    const sessionB = second?.id ?? '';

    const connect = async (node: number, cookie: string): Promise<TestClient> => {
      const client = await connectClient(nodes[node]?.url ?? '', cookie);
      clients.push(client);
      return client;
    };

    const report = async (): Promise<AttendanceSummary> => {
      const response = await api
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: '/api/events/vmc2021/attendance',
          headers: { cookie: organiser.cookie },
        });
      if (response.statusCode !== 200) throw new Error(`attendance answered ${response.statusCode}`);
      return attendanceSummarySchema.parse(response.json());
    };

    /** A person's stays not yet ended, on any node. */
    const openStays = async (personId: string): Promise<number> => {
      const rows = await people.dataSource.query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM online_presence WHERE person_id = $1 AND left_at IS NULL',
        [personId],
      );
      return rows[0]?.n ?? 0;
    };

    const records = async (sessionId: string): Promise<AttendanceRecord[]> => {
      const response = await api
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: `/api/events/vmc2021/attendance/records?sessionId=${sessionId}&limit=500`,
          headers: { cookie: organiser.cookie },
        });
      if (response.statusCode !== 200) throw new Error(`attendance records answered ${response.statusCode}`);
      return attendanceRecordListSchema.parse(response.json()).items;
    };

    /** Waits until the report's event-wide and per-session "online now" are as expected. */
    const expectOnline = (total: number, bySession: Record<string, number>, timeoutMs = 3000) =>
      eventually(async () => {
        const summary = await report();
        const seen = Object.fromEntries(
          Object.keys(bySession).map((id) => [
            id,
            summary.sessions.find((session) => session.sessionId === id)?.onlineNow,
          ]),
        );
        const matches =
          summary.onlineNow === total && Object.entries(bySession).every(([id, n]) => seen[id] === n);
        return matches ? summary : undefined;
      }, timeoutMs);

    beforeAll(async () => {
      database = await createTestDatabase();
      // The reference event is from 2021: with the default retention, the api's start-up purge would delete its
      // registrations (and the people made here) while the test adds them.
      const config = testConfig({
        DATABASE_URL: database.url,
        PUBLIC_URL: TEST_ORIGIN,
        RETENTION_DAYS_AFTER_EVENT: '3650',
        ...env,
      });
      people = await createTestPeople(config);
      const options = { engagement: { presence: PRESENCE } };
      nodes.push(await startLiveNode(config, options), await startLiveNode(config, options));
      api = await startAttendanceApi(config);
      organiser = await people.add({ name: 'Olga Organiser', roles: ['organiser'] });
    });

    afterAll(async () => {
      clients.forEach((client) => client.close());
      for (const node of nodes) await node.app.close();
      await api.close();
      await people.close();
      await database.drop();
    });

    it('counts people connected on both nodes, per session and for the event, once per person', async () => {
      const ada = await people.add({ name: 'Ada', registration: 'approved' });
      const bob = await people.add({ name: 'Bob', registration: 'approved' });
      const cleo = await people.add({ name: 'Cleo', registration: 'approved' });
      const adaOnA = await connect(0, ada.cookie);
      const bobOnB = await connect(1, bob.cookie);
      const cleoOnB = await connect(1, cleo.cookie);
      const cleoAgainOnA = await connect(0, cleo.cookie); // a second tab: one person, two sockets
      data(await request(adaOnA, 'session:join', { sessionId: sessionA }));
      data(await request(bobOnB, 'session:join', { sessionId: sessionA }));
      data(await request(cleoOnB, 'session:join', { sessionId: sessionB }));
      data(await request(cleoAgainOnA, 'session:join', { sessionId: sessionB }));

      await expectOnline(3, { [sessionA]: 2, [sessionB]: 1 });

      // The Q&A snapshot's count is cluster-wide too (sockets: this node's from memory, the other's from rows).
      const dan = await people.add({ name: 'Dan', registration: 'approved' });
      const danOnA = await connect(0, dan.cookie);
      const snapshot = data(await request(danOnA, 'session:join', { sessionId: sessionA }));
      expect(snapshot.online).toBe(3);

      data(await request(bobOnB, 'session:leave', { sessionId: sessionA }));
      danOnA.close();
      // Bob is still connected, but in no session: not online at the event.
      await expectOnline(2, { [sessionA]: 1, [sessionB]: 1 });
      bobOnB.close();
      cleoAgainOnA.close();
      // Wait until node A has seen the second tab close (Cleo keeps one open stay: her tab on node B), then check
      // that closing one of two tabs leaves her online.
      await eventually(async () => ((await openStays(cleo.personId)) === 1 ? true : undefined));
      await expectOnline(2, { [sessionA]: 1, [sessionB]: 1 });
    });

    it("stops counting a killed node's sockets once its heartbeat expires", async () => {
      const eve = await people.add({ name: 'Eve', registration: 'approved' });
      const eveOnB = await connect(1, eve.cookie);
      data(await request(eveOnB, 'session:join', { sessionId: sessionB }));
      const before = await eventually(async () => {
        const summary = await report();
        return summary.onlineNow === 3 ? summary : undefined;
      });
      expect(before.sessions.find((session) => session.sessionId === sessionB)?.onlineNow).toBe(2);

      // Node B dies: it writes nothing more — no heartbeat, no leave, nothing at shutdown.
      const dead = nodes[1]?.app.get(PresenceTracker);
      const deadNodeId = dead?.nodeId ?? '';
      dead?.halt();
      const killedAt = Date.now();
      const node = nodes.splice(1, 1)[0];
      await node?.app.close();
      // Its rows are still open, yet after the TTL nobody counts them (Cleo's on node B, Eve).
      expect(
        Number(
          (
            await people.dataSource.query<Array<{ n: number }>>(
              'SELECT count(*)::int AS n FROM online_presence WHERE node_id = $1 AND left_at IS NULL',
              [deadNodeId],
            )
          )[0]?.n,
        ),
      ).toBe(2);
      await expectOnline(1, { [sessionA]: 1, [sessionB]: 0 }, PRESENCE.ttlMs * 4);
      expect(Date.now() - killedAt).toBeLessThan(PRESENCE.ttlMs * 4);

      // The surviving node's janitor ends the dead node's stays at its last heartbeat.
      await eventually(async () => {
        const rows = await people.dataSource.query<Array<{ n: number }>>(
          'SELECT count(*)::int AS n FROM online_presence WHERE node_id = $1 AND left_at IS NULL',
          [deadNodeId],
        );
        return rows[0]?.n === 0 ? true : undefined;
      }, PRESENCE.ttlMs * 4);
    });

    it('reports minutes per person from the stays, and nobody online once everyone left', async () => {
      for (const client of clients) client.close();
      await expectOnline(0, { [sessionA]: 0, [sessionB]: 0 });

      // Stays of known length, as live nodes write them: Fay had session A open in two tabs whose stays overlap
      // (10:00–10:20 and 10:15–10:30 → 30 minutes, not 35), and session B for 5½ minutes (→ 5 whole minutes).
      const fay = await people.add({ name: 'Fay', registration: 'approved' });
      const base = Date.now() - 3 * 60 * 60 * 1000;
      const at = (minutes: number) => new Date(base + minutes * 60_000);
      const stays: Array<[string, number, number]> = [
        [sessionA, 0, 20],
        [sessionA, 15, 30],
        [sessionB, 60, 65.5],
      ];
      for (const [sessionId, from, to] of stays) {
        await people.dataSource.query(
          `INSERT INTO online_presence (id, event_id, session_id, person_id, node_id, joined_at, left_at)
           VALUES (gen_random_uuid(), $1, $2, $3, gen_random_uuid(), $4, $5)`,
          [REFERENCE_EVENT.id, sessionId, fay.personId, at(from), at(to)],
        );
      }

      const minutesOf = async (sessionId: string) =>
        (await records(sessionId))
          .filter((record) => record.personId === fay.personId)
          .map(({ mode, pageMinutes, minutes }) => ({ mode, pageMinutes, minutes }));
      expect(await minutesOf(sessionA)).toEqual([{ mode: 'online', pageMinutes: 30, minutes: 30 }]);
      expect(await minutesOf(sessionB)).toEqual([{ mode: 'online', pageMinutes: 5, minutes: 5 }]);

      const summary = await report();
      expect(summary.onlineNow).toBe(0);
      // Everyone else stayed seconds (0 whole minutes each): the session totals are Fay's minutes.
      const totals = Object.fromEntries(
        summary.sessions
          .filter((session) => [sessionA, sessionB].includes(session.sessionId))
          .map((session) => [session.sessionId, session.onlineMinutes]),
      );
      expect(totals).toEqual({ [sessionA]: 30, [sessionB]: 5 });
      const rows = await people.dataSource.query<Array<{ session_id: string; n: number }>>(
        'SELECT session_id, count(DISTINCT person_id)::int AS n FROM online_presence GROUP BY session_id',
      );
      for (const row of rows) {
        expect(summary.sessions.find((session) => session.sessionId === row.session_id)?.online).toBe(row.n);
      }
      expect(summary.sources).toMatchObject({ media: true, presence: true });
    });
  });
}
