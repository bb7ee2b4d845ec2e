// Clocks that disagree by two minutes (issue #11, fault: clock-skew), through HTTP: a LiveKit host whose clock is
// ahead or behind signs webhooks the api must still take (and one far off must still be refused), and a door whose
// clock is off still gets the right verdict, times and undo window for a ticket, online and offline.
import {
  checkinBatchResultSchema,
  errorEnvelopeSchema,
  webhookReceiptSchema,
  type CheckinScan,
} from '@plenary/contracts';
import { reportFigure } from '@plenary/server-core/testing';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { CHECKINS, registerDevice, scan, scanBody, seedAttendee } from './checkin-fixtures';
import { LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, webhookTokenValid } from './fake-livekit';
import { signInAs, startTestApi, type TestApi } from './test-api';

const SKEW = 120; // seconds
/** LiveKit signs each webhook with a token valid for five minutes from when it sends it. */
const LIVEKIT_TOKEN_SECONDS = 300;

let api: TestApi;
let sessionId: string;

beforeAll(async () => {
  api = await startTestApi({ LIVEKIT_API_KEY: LIVEKIT_TEST_KEY, LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET });
  sessionId = randomUUID();
  await api.dataSource.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state)
     VALUES ($1, $2, 'panel', 'Skewed panel', now(), now() + interval '1 hour', 'live')`,
    [sessionId, REFERENCE_EVENT.id],
  );
});

afterAll(async () => {
  await api?.close();
});

describe('clocks two minutes apart', () => {
  /** Posts a room_started webhook (applied without a person) signed by a host whose clock is `offset` s off. */
  async function webhook(token: (body: string) => string): Promise<{ status: number; code?: string }> {
    const body = JSON.stringify({
      event: 'room_started',
      id: `EV_${randomUUID()}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { sid: 'RM_skew', name: sessionId },
    });
    const response = await api.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/api/media/webhooks/livekit',
        payload: body,
        headers: { 'content-type': 'application/webhook+json', authorization: `Bearer ${token(body)}` },
      });
    if (response.statusCode === 200) {
      expect(webhookReceiptSchema.parse(response.json())).toEqual({ received: true, duplicate: false });
      return { status: 200 };
    }
    return { status: response.statusCode, code: errorEnvelopeSchema.parse(response.json()).error.code };
  }
  /** A token as LiveKit signs it (valid for five minutes from its clock's now), its clock `offset` s from ours. */
  const skewed =
    (offset: number) =>
    (body: string): string => {
      const sent = Math.floor(Date.now() / 1000) + offset;
      return webhookTokenValid(body, sent, sent + LIVEKIT_TOKEN_SECONDS);
    };
  const now = (): number => Math.floor(Date.now() / 1000);

  it('takes LiveKit webhooks signed by a host two minutes ahead or behind, and refuses tokens far outside (fault: clock-skew)', async () => {
    const before = Number(
      (await api.dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM media_webhook_events'))[0]
        ?.n,
    );
    const results = {
      ahead: await webhook(skewed(SKEW)),
      behind: await webhook(skewed(-SKEW)),
      // A token that expired two minutes ago by our clock (its host far behind, or a delivery held up).
      expiredTwoMinutesAgo: await webhook((body) => webhookTokenValid(body, now() - 420, now() - SKEW)),
      // Past the five-minute tolerance either way: refused, nothing recorded.
      aheadSevenMinutes: await webhook(skewed(420)),
      expiredSevenMinutesAgo: await webhook((body) => webhookTokenValid(body, now() - 720, now() - 420)),
    };
    expect(results).toEqual({
      ahead: { status: 200 },
      behind: { status: 200 },
      expiredTwoMinutesAgo: { status: 200 },
      aheadSevenMinutes: { status: 401, code: 'media/webhook-unauthorized' },
      expiredSevenMinutesAgo: { status: 401, code: 'media/webhook-unauthorized' },
    });
    const after = Number(
      (await api.dataSource.query<Array<{ n: string }>>('SELECT count(*) AS n FROM media_webhook_events'))[0]
        ?.n,
    );
    expect(after - before).toBe(3);
    reportFigure('clock-skew', 'webhooks taken with the LiveKit clock ±2 min off', 3, 'of 3');
  });

  it('judges a ticket scanned by a door two minutes ahead or behind by the server clock, online and offline (fault: clock-skew)', async () => {
    const staff = await signInAs(api, 'staff@plenary.test');
    const device = await registerDevice(api, staff, 'Skewed door');
    const seconds = (iso: string): number => new Date(iso).getTime();

    // Online: the verdict, the day and the undo window follow the server's receive time, whatever the door says.
    for (const offset of [SKEW, -SKEW]) {
      const attendee = await seedAttendee(api);
      const sentAt = new Date(Date.now() + offset * 1000);
      const sent = Date.now();
      const result = await scan(
        api,
        staff,
        scanBody(device, { payload: attendee.payload }, { scannedAt: sentAt.toISOString() }),
      );
      expect(result).toMatchObject({ verdict: 'admitted', reason: null, mode: 'online' });
      expect(seconds(result.scannedAt)).toBe(sentAt.getTime());
      expect(result.occurredAt).toBe(result.receivedAt);
      expect(seconds(result.receivedAt)).toBeGreaterThanOrEqual(sent - 1000);
      expect(seconds(result.receivedAt)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(seconds(result.undoableUntil ?? '')).toBe(seconds(result.receivedAt) + 120_000);
      const undo = await api.request({
        method: 'POST',
        url: `${CHECKINS}/${result.checkinId}/undo`,
        cookie: staff,
        payload: { deviceId: device },
      });
      expect(undo.statusCode).toBe(200);
    }

    // Offline: a scan counts as of the door's time, but never later than the server received it.
    const [ahead, behind] = [await seedAttendee(api), await seedAttendee(api)];
    const offline = (payload: string, at: Date): CheckinScan => ({
      nonce: randomUUID(),
      gate: 'C',
      scannedAt: at.toISOString(),
      mode: 'offline',
      payload,
      localVerdict: 'admitted',
    });
    const aheadAt = new Date(Date.now() + SKEW * 1000);
    const behindAt = new Date(Date.now() - SKEW * 1000);
    const response = await api.request({
      method: 'POST',
      url: `${CHECKINS}/batch`,
      cookie: staff,
      payload: {
        deviceId: device,
        scans: [offline(ahead.payload, aheadAt), offline(behind.payload, behindAt)],
      },
    });
    expect(response.statusCode).toBe(200);
    const [fromAhead, fromBehind] = checkinBatchResultSchema.parse(response.json()).results;
    expect(fromAhead).toMatchObject({ verdict: 'admitted', mode: 'offline' });
    expect(fromBehind).toMatchObject({ verdict: 'admitted', mode: 'offline' });
    expect(fromAhead?.occurredAt).toBe(fromAhead?.receivedAt);
    expect(seconds(fromAhead?.scannedAt ?? '')).toBe(aheadAt.getTime());
    expect(seconds(fromBehind?.occurredAt ?? '')).toBe(behindAt.getTime());
    reportFigure('clock-skew', 'tickets judged right with the door clock ±2 min off', 4, 'of 4');
  });
});
