import { errorEnvelopeSchema, webhookReceiptSchema } from '@plenary/contracts';
import { MediaAttendanceService, MediaIdentityService } from '@plenary/server-media';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { expiredWebhookToken, LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, signWebhook } from './fake-livekit';
import { startTestApi, type TestApi } from './test-api';

let api: TestApi;
let sessionId: string;
const T0 = 1_800_000_000; // seconds

/** Posts a webhook exactly as LiveKit does: raw JSON body, `application/webhook+json`, token in Authorization. */
function post(body: string, authorization?: string, contentType = 'application/webhook+json') {
  // Straight to Fastify: LiveKit sends neither the CSRF header nor an Origin.
  return api.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: '/api/media/webhooks/livekit',
      payload: body,
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
    });
}

function participantEvent(
  event: 'participant_joined' | 'participant_left',
  options: { id?: string; sid: string; identity: string; createdAt: number; joinedAt: number; room?: string },
): string {
  return JSON.stringify({
    event,
    id: options.id ?? `EV_${randomUUID()}`,
    createdAt: String(options.createdAt),
    room: { sid: 'RM_test', name: options.room ?? sessionId },
    participant: {
      sid: options.sid,
      identity: options.identity,
      name: 'Ada',
      state: event === 'participant_joined' ? 'ACTIVE' : 'DISCONNECTED',
      joinedAt: String(options.joinedAt),
    },
  });
}

const code = (response: LightMyRequestResponse): [number, string] => [
  response.statusCode,
  errorEnvelopeSchema.parse(response.json()).error.code,
];

const count = async (table: string): Promise<number> =>
  Number((await api.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

/** An approved participant, created in one transaction (the retention job removes people with nothing attached). */
async function newPerson(): Promise<{ id: string; identity: string }> {
  const id = randomUUID();
  await api.dataSource.transaction(async (manager) => {
    await manager.query('INSERT INTO people (id, email, name) VALUES ($1, $2, $3)', [
      id,
      `${id}@example.org`,
      'Ada',
    ]);
    await manager.query(
      `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status, privacy_accepted_at)
       VALUES ($1, $2, $3, 'A', 'B', 'GB', 'remote', 'approved', now())`,
      [randomUUID(), REFERENCE_EVENT.id, id],
    );
  });
  return { id, identity: api.app.get(MediaIdentityService).identityOf(REFERENCE_EVENT.id, id) };
}

const stateOf = (personId: string) => api.app.get(MediaAttendanceService).stateOf(sessionId, personId);

beforeAll(async () => {
  api = await startTestApi({ LIVEKIT_API_KEY: LIVEKIT_TEST_KEY, LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET });
  sessionId = randomUUID();
  await api.dataSource.query(
    `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, state)
     VALUES ($1, $2, 'panel', 'Webhook panel', now(), now() + interval '1 hour', 'live')`,
    [sessionId, REFERENCE_EVENT.id],
  );
});

afterAll(async () => {
  await api.close();
});

describe('LiveKit webhooks', () => {
  it('processes a valid participant_joined once and records the person as joined', async () => {
    const ada = await newPerson();
    const body = participantEvent('participant_joined', {
      sid: 'PA_valid',
      identity: ada.identity,
      createdAt: T0,
      joinedAt: T0,
    });
    const response = await post(body, await signWebhook(body));
    expect(response.statusCode).toBe(200);
    expect(webhookReceiptSchema.parse(response.json())).toEqual({ received: true, duplicate: false });
    expect(await stateOf(ada.id)).toBe('joined');
    const rows = await api.dataSource.query<Array<{ person_id: string; room: string; joined_at: Date }>>(
      'SELECT person_id, room, joined_at FROM media_presence WHERE participant_sid = $1',
      ['PA_valid'],
    );
    expect(rows).toEqual([{ person_id: ada.id, room: 'main', joined_at: new Date(T0 * 1000) }]);
  });

  it('answers 401 to a missing, tampered, foreign-key or expired signature, and writes nothing', async () => {
    const ada = await newPerson();
    const body = participantEvent('participant_joined', {
      sid: 'PA_forged',
      identity: ada.identity,
      createdAt: T0,
      joinedAt: T0,
    });
    const tampered = body.replace('PA_forged', 'PA_forgee');
    const before = await count('media_webhook_events');
    const attempts = [
      await post(body),
      await post(body, ''),
      await post(body, 'Bearer not-a-jwt'),
      await post(tampered, await signWebhook(body)),
      await post(body, await signWebhook(body, LIVEKIT_TEST_KEY, 'another-secret-0123456789abcdefghijkl')),
      await post(body, await signWebhook(body, 'APIotherkey', LIVEKIT_TEST_SECRET)),
      await post(body, expiredWebhookToken(body)),
    ];
    for (const response of attempts) expect(code(response)).toEqual([401, 'media/webhook-unauthorized']);
    expect(await count('media_webhook_events')).toBe(before);
    expect(await stateOf(ada.id)).toBeNull();
    // The same body, properly signed, goes through: the refusals were about the signature alone.
    expect((await post(body, await signWebhook(body))).statusCode).toBe(200);
  });

  it('takes a body sent as application/json as unsupported', async () => {
    const body = participantEvent('participant_joined', {
      sid: 'PA_json',
      identity: 'pAAAAAAAAAAAAAAAAAAAAAA',
      createdAt: T0,
      joinedAt: T0,
    });
    expect(code(await post(body, await signWebhook(body), 'application/json'))).toEqual([
      415,
      'core/unsupported-media-type',
    ]);
  });

  it('refuses a signed event without an id (400 naming id) and stores nothing, so later events still count', async () => {
    const ada = await newPerson();
    const withoutId = (sid: string, id: string | undefined, createdAt: number) => {
      const event = JSON.parse(
        participantEvent('participant_joined', {
          sid,
          identity: ada.identity,
          createdAt,
          joinedAt: createdAt,
        }),
      ) as Record<string, unknown>;
      if (id === undefined) delete event['id'];
      else event['id'] = id;
      return JSON.stringify(event);
    };
    const events = await count('media_webhook_events');
    const presence = await count('media_presence');
    for (const body of [withoutId('PA_noid_1', undefined, T0), withoutId('PA_noid_2', '', T0 + 1)]) {
      const response = await post(body, await signWebhook(body));
      expect(code(response)).toEqual([400, 'core/validation-failed']);
      expect(errorEnvelopeSchema.parse(response.json()).error.details).toEqual([
        { path: 'id', message: 'is required' },
      ]);
    }
    expect(await count('media_webhook_events')).toBe(events);
    expect(await count('media_presence')).toBe(presence);
    expect(await stateOf(ada.id)).toBeNull();
    // A later event with an id is processed, not taken for a duplicate of the refused ones.
    const body = withoutId('PA_noid_3', `EV_${randomUUID()}`, T0 + 2);
    const response = await post(body, await signWebhook(body));
    expect(webhookReceiptSchema.parse(response.json())).toEqual({ received: true, duplicate: false });
    expect(await stateOf(ada.id)).toBe('joined');
  });

  it('has one effect when the same event is delivered three times', async () => {
    const ada = await newPerson();
    const joined = participantEvent('participant_joined', {
      id: 'EV_replayed_join',
      sid: 'PA_replay',
      identity: ada.identity,
      createdAt: T0,
      joinedAt: T0,
    });
    const left = participantEvent('participant_left', {
      id: 'EV_replayed_left',
      sid: 'PA_replay',
      identity: ada.identity,
      createdAt: T0 + 300,
      joinedAt: T0,
    });
    const events = await count('media_webhook_events');
    const receipts: unknown[] = [];
    for (const body of [joined, joined, joined, left, left, left]) {
      const response = await post(body, await signWebhook(body));
      expect(response.statusCode).toBe(200);
      receipts.push(webhookReceiptSchema.parse(response.json()).duplicate);
    }
    expect(receipts).toEqual([false, true, true, false, true, true]);
    expect((await count('media_webhook_events')) - events).toBe(2);
    const rows = await api.dataSource.query<Array<{ joined_at: Date; left_at: Date }>>(
      'SELECT joined_at, left_at FROM media_presence WHERE participant_sid = $1',
      ['PA_replay'],
    );
    expect(rows).toEqual([{ joined_at: new Date(T0 * 1000), left_at: new Date((T0 + 300) * 1000) }]);
  });

  it('ends in "left" when participant_left arrives before participant_joined', async () => {
    const ada = await newPerson();
    const left = participantEvent('participant_left', {
      sid: 'PA_reordered',
      identity: ada.identity,
      createdAt: T0 + 600,
      joinedAt: T0,
    });
    const joined = participantEvent('participant_joined', {
      sid: 'PA_reordered',
      identity: ada.identity,
      createdAt: T0,
      joinedAt: T0,
    });
    expect((await post(left, await signWebhook(left))).statusCode).toBe(200);
    expect(await stateOf(ada.id)).toBe('left');
    expect((await post(joined, await signWebhook(joined))).statusCode).toBe(200);
    expect(await stateOf(ada.id)).toBe('left');
    const attendance = await api.app.get(MediaAttendanceService).forSession(sessionId);
    expect(attendance.find((row) => row.personId === ada.id)).toEqual({
      personId: ada.id,
      seconds: 600,
      minutes: 10,
      connected: false,
      intervals: [{ joinedAt: new Date(T0 * 1000), leftAt: new Date((T0 + 600) * 1000) }],
    });
  });

  it('turns intervals into minutes, counting two overlapping windows once', async () => {
    const ada = await newPerson();
    const deliveries = [
      participantEvent('participant_joined', {
        sid: 'PA_w1',
        identity: ada.identity,
        createdAt: T0,
        joinedAt: T0,
      }),
      participantEvent('participant_joined', {
        sid: 'PA_w2',
        identity: ada.identity,
        createdAt: T0 + 120,
        joinedAt: T0 + 120,
      }),
      participantEvent('participant_left', {
        sid: 'PA_w1',
        identity: ada.identity,
        createdAt: T0 + 300,
        joinedAt: T0,
      }),
      participantEvent('participant_left', {
        sid: 'PA_w2',
        identity: ada.identity,
        createdAt: T0 + 900,
        joinedAt: T0 + 120,
      }),
      participantEvent('participant_joined', {
        sid: 'PA_w3',
        identity: ada.identity,
        createdAt: T0 + 1800,
        joinedAt: T0 + 1800,
      }),
      // The backstage does not count as attendance.
      participantEvent('participant_joined', {
        sid: 'PA_w4',
        identity: ada.identity,
        createdAt: T0,
        joinedAt: T0,
        room: `${sessionId}.backstage`,
      }),
    ];
    for (const body of deliveries) expect((await post(body, await signWebhook(body))).statusCode).toBe(200);
    const until = new Date((T0 + 1800 + 90) * 1000);
    const row = (await api.app.get(MediaAttendanceService).forSession(sessionId, until)).find(
      (item) => item.personId === ada.id,
    );
    expect(row).toEqual({
      personId: ada.id,
      seconds: 900 + 90,
      minutes: 16,
      connected: true,
      intervals: [
        { joinedAt: new Date(T0 * 1000), leftAt: new Date((T0 + 900) * 1000) },
        { joinedAt: new Date((T0 + 1800) * 1000), leftAt: null },
      ],
    });
    expect(await api.app.get(MediaAttendanceService).stateOf(sessionId, ada.id, 'backstage')).toBe('joined');
  });

  it('closes open connections when the room finishes, and ignores participants that are not people of ours', async () => {
    const ada = await newPerson();
    const joined = participantEvent('participant_joined', {
      sid: 'PA_finish',
      identity: ada.identity,
      createdAt: T0,
      joinedAt: T0,
    });
    const recorder = participantEvent('participant_joined', {
      sid: 'PA_egress',
      identity: 'EG_recorder',
      createdAt: T0,
      joinedAt: T0,
    });
    const finished = JSON.stringify({
      event: 'room_finished',
      id: `EV_${randomUUID()}`,
      createdAt: String(T0 + 3600),
      room: { sid: 'RM_test', name: sessionId },
    });
    for (const body of [joined, recorder, finished]) {
      expect((await post(body, await signWebhook(body))).statusCode).toBe(200);
    }
    expect(await stateOf(ada.id)).toBe('left');
    expect(
      await api.dataSource.query('SELECT 1 FROM media_presence WHERE participant_sid = $1', ['PA_egress']),
    ).toEqual([]);
  });
});
