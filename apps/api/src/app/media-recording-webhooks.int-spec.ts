import { DOMAIN_EVENTS_CHANNEL, stageStateSchema, type DomainEvent } from '@plenary/contracts';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  LIVEKIT_TEST_KEY,
  LIVEKIT_TEST_SECRET,
  signWebhook,
  startFakeLiveKit,
  type FakeLiveKit,
} from './fake-livekit';
import { eventually, signInAs, startTestApi, type TestApi } from './test-api';

/**
 * LiveKit's `egress_ended` webhook (the recording stopped on LiveKit's side: finished, failed or stopped elsewhere)
 * clears the session's recording indicator: the stage answers `recording: false` and the live nodes are told
 * (`media.stage-changed`). The recording is started through the api against the LiveKit test server.
 */

let api: TestApi;
let livekit: FakeLiveKit;
let moderator: string;
const SLUG = REFERENCE_EVENT.slug;

async function liveSession(): Promise<string> {
  const id = randomUUID();
  await api.dataSource.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state)
     VALUES ($1, $2, 'panel', 'Recorded panel', now(), now() + interval '1 hour', 'live')`,
    [id, REFERENCE_EVENT.id],
  );
  return id;
}

const stage = async (sessionId: string) =>
  stageStateSchema.parse(
    (await api.request({ url: `/api/events/${SLUG}/sessions/${sessionId}/stage`, cookie: moderator })).json(),
  );

const egressOf = async (sessionId: string): Promise<string | null> =>
  (
    await api.dataSource.query<Array<{ recording_egress_id: string | null }>>(
      'SELECT recording_egress_id FROM media_stages WHERE session_id = $1',
      [sessionId],
    )
  )[0]?.recording_egress_id ?? null;

async function startRecording(sessionId: string, egressId: string): Promise<void> {
  livekit.respond((call) =>
    call.path.endsWith('/StartRoomCompositeEgress')
      ? { status: 200, body: { egressId, roomName: call.body['roomName'], status: 'EGRESS_STARTING' } }
      : { status: 200, body: {} },
  );
  const started = await api.request({
    method: 'POST',
    url: `/api/events/${SLUG}/sessions/${sessionId}/stage/recording`,
    cookie: moderator,
  });
  expect(started.statusCode).toBe(200);
  expect(stageStateSchema.parse(started.json()).recording).toBe(true);
  expect(await egressOf(sessionId)).toBe(egressId);
}

/** Posts a signed webhook exactly as LiveKit does (no CSRF header, no Origin). */
async function webhook(body: Record<string, unknown>): Promise<number> {
  const text = JSON.stringify(body);
  const response = await api.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/api/media/webhooks/livekit',
      payload: text,
      headers: { 'content-type': 'application/webhook+json', authorization: await signWebhook(text) },
    });
  return response.statusCode;
}

const egressEnded = (sessionId: string, egressId: string) => ({
  event: 'egress_ended',
  id: `EV_${randomUUID()}`,
  createdAt: String(Math.floor(Date.now() / 1000)),
  egressInfo: { egressId, roomName: sessionId, status: 'EGRESS_COMPLETE' },
});

beforeAll(async () => {
  livekit = await startFakeLiveKit();
  api = await startTestApi({
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
    LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
    LIVEKIT_EGRESS: 'true',
  });
  moderator = await signInAs(api, 'moderator@plenary.test');
});

afterAll(async () => {
  await api.close();
  await livekit.close();
});

describe('egress_ended', () => {
  it('clears the recording indicator of its session only, and tells the live nodes', async () => {
    const recorded = await liveSession();
    const other = await liveSession();
    await startRecording(recorded, `EG_${randomUUID()}`);
    const otherEgress = `EG_${randomUUID()}`;
    await startRecording(other, otherEgress);
    const egressId = (await egressOf(recorded)) ?? '';

    const listener = new Client({ connectionString: (api.dataSource.options as { url: string }).url });
    await listener.connect();
    const events: DomainEvent[] = [];
    listener.on('notification', (message) => {
      if (message.channel === DOMAIN_EVENTS_CHANNEL)
        events.push(JSON.parse(message.payload ?? '') as DomainEvent);
    });
    await listener.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    try {
      // An egress we never started (another deployment's, or one already cleared) changes nothing.
      expect(await webhook(egressEnded(recorded, `EG_${randomUUID()}`))).toBe(200);
      expect((await stage(recorded)).recording).toBe(true);

      expect(await webhook(egressEnded(recorded, egressId))).toBe(200);
      expect(await stage(recorded)).toMatchObject({ recording: false, recordingAvailable: true });
      expect(await egressOf(recorded)).toBeNull();
      // The other session keeps recording.
      expect((await stage(other)).recording).toBe(true);
      expect(await egressOf(other)).toBe(otherEgress);

      const published = await eventually(async () => {
        const found = events.filter(
          (event) => event.type === 'media.stage-changed' && event.sessionId === recorded,
        );
        return found.length > 0 ? found : undefined;
      });
      expect(published).toEqual([
        {
          type: 'media.stage-changed',
          eventId: REFERENCE_EVENT.id,
          sessionId: recorded,
          stage: expect.objectContaining({ sessionId: recorded, state: 'live', recording: false }),
        },
      ]);
      // Delivered again (LiveKit retries): no second change.
      expect(await webhook(egressEnded(recorded, egressId))).toBe(200);
      expect((await stage(recorded)).recording).toBe(false);
    } finally {
      await listener.end();
    }
  });
});
