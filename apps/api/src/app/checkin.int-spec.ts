import {
  attendanceSummarySchema,
  checkinBatchResultSchema,
  checkinDeviceListSchema,
  checkinDeviceSchema,
  checkinDomainEventSchema,
  checkinResultSchema,
  checkinSearchResultSchema,
  checkinSnapshotSchema,
  conflictReportSchema,
  errorEnvelopeSchema,
  ticketKeySchema,
  type CheckinDomainEvent,
  type CheckinScan,
} from '@plenary/contracts';
import { signTicket, TicketService } from '@plenary/server-access';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import { notificationFence } from '@plenary/server-core/testing';
import { Client } from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CHECKINS,
  postScan,
  registerDevice,
  scan,
  scanBody,
  seedAttendee,
  seedAttendees,
  type SeededAttendee,
} from './checkin-fixtures';
import { eventually, signInAs, startTestApi, type TestApi } from './test-api';

let api: TestApi;
let staff: string;
let organiser: string;
let staffDevice: string;
let organiserDevice: string;

const OTHER_EVENT_ID = '0e0c2099-0000-4000-8000-000000000001';

const errorCode = (response: { json(): unknown }): string =>
  errorEnvelopeSchema.parse(response.json()).error.code;

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  Number((await api.dataSource.query<Array<{ n: string }>>(sql, params))[0]?.n);

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

async function batch(cookie: string, deviceId: string, scans: CheckinScan[]) {
  const response = await api.request({
    method: 'POST',
    url: `${CHECKINS}/batch`,
    cookie,
    payload: { deviceId, scans },
  });
  if (response.statusCode !== 200) throw new Error(`batch answered ${response.statusCode}: ${response.body}`);
  return checkinBatchResultSchema.parse(response.json()).results;
}

function offlineScan(
  target: SeededAttendee,
  scannedAt: Date,
  overrides: Partial<CheckinScan> = {},
): CheckinScan {
  return {
    nonce: randomUUID(),
    gate: 'B',
    scannedAt: scannedAt.toISOString(),
    mode: 'offline',
    payload: target.payload,
    localVerdict: 'admitted',
    ...overrides,
  };
}

async function reissue(registrationId: string): Promise<void> {
  const response = await api.request({
    method: 'POST',
    url: `/api/events/vmc2021/registrations/${registrationId}/ticket/reissue`,
    cookie: organiser,
  });
  if (response.statusCode !== 204) throw new Error(`reissue answered ${response.statusCode}`);
}

beforeAll(async () => {
  api = await startTestApi();
  staff = await signInAs(api, 'staff@plenary.test');
  organiser = await signInAs(api, 'organiser@plenary.test');
  staffDevice = await registerDevice(api, staff, 'Gate A phone');
  organiserDevice = await registerDevice(api, organiser, 'Gate B tablet');
  await api.dataSource.query(
    `INSERT INTO events (id, slug, name, time_zone, start_date, end_date, venue_name, venue_city, venue_country,
                         organiser_name)
     VALUES ($1, 'other2099', 'Another event', 'Europe/Vienna', '2099-01-01', '2099-01-02', 'Hall', 'Vienna', 'AT',
             'Someone else')`,
    [OTHER_EVENT_ID],
  );
});

afterAll(async () => {
  await api.close();
});

describe('Online scans', () => {
  it('admits exactly once per pair under 100 pairs of concurrent scans of the same ticket', async () => {
    const attendees = await Promise.all(Array.from({ length: 100 }, () => seedAttendee(api)));
    const pairs = await Promise.all(
      attendees.map((attendee) =>
        Promise.all([
          scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }, { gate: 'A' })),
          scan(api, organiser, scanBody(organiserDevice, { payload: attendee.payload }, { gate: 'B' })),
        ]),
      ),
    );
    for (const [first, second] of pairs) {
      expect([first.verdict, second.verdict].sort()).toEqual(['admitted', 'already_checked_in']);
      const [admitted, duplicate] = first.verdict === 'admitted' ? [first, second] : [second, first];
      expect(duplicate.firstCheckin).toEqual({
        checkinId: admitted.checkinId,
        at: admitted.occurredAt,
        gate: admitted.gate,
        deviceName: admitted.gate === 'A' ? 'Gate A phone' : 'Gate B tablet',
      });
    }
    const perRegistration = await api.dataSource.query<Array<{ admitted: number; total: number }>>(
      `SELECT count(*) FILTER (WHERE verdict = 'admitted')::int AS admitted, count(*)::int AS total
         FROM checkins WHERE registration_id = ANY($1::uuid[]) GROUP BY registration_id`,
      [attendees.map((attendee) => attendee.registrationId)],
    );
    expect(perRegistration).toHaveLength(100);
    expect(perRegistration.every((row) => row.admitted === 1 && row.total === 2)).toBe(true);
  });

  it('answers a retried nonce with the first verdict and records no second row', async () => {
    const attendee = await seedAttendee(api);
    const body = scanBody(staffDevice, { payload: attendee.payload });
    const first = await scan(api, staff, body);
    const retry = await scan(api, staff, { ...body, gate: 'Z', scannedAt: new Date().toISOString() });
    const both = await Promise.all([scan(api, staff, body), scan(api, staff, body)]);
    expect(first).toMatchObject({ verdict: 'admitted', replayed: false, gate: 'A' });
    for (const again of [retry, ...both]) {
      expect(again).toEqual({ ...first, replayed: true });
    }
    expect(await count('SELECT count(*) AS n FROM checkins WHERE nonce = $1', [body.nonce])).toBe(1);

    // A refused scan is idempotent too.
    const invalid = scanBody(staffDevice, { payload: 'PL1.nope' });
    const refused = await scan(api, staff, invalid);
    expect(await scan(api, staff, invalid)).toEqual({ ...refused, replayed: true });
    expect(await count('SELECT count(*) AS n FROM checkins WHERE nonce = $1', [invalid.nonce])).toBe(1);
  });

  it('judges forged, bit-flipped, other-key, truncated, oversized and junk payloads invalid', async () => {
    const attendee = await seedAttendee(api);
    const body = attendee.payload.slice(4);
    const bytes = Buffer.from(body, 'base64url');
    const flip = (index: number): string => {
      const copy = Buffer.from(bytes);
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      return `PL1.${copy.toString('base64url')}`;
    };
    const forged = `PL1.${Buffer.concat([uuidBytes(REFERENCE_EVENT.id), uuidBytes(attendee.ticketId), randomBytes(64)]).toString('base64url')}`;
    const otherKey = signTicket(
      api.app.get(TicketService).keyPair(OTHER_EVENT_ID),
      REFERENCE_EVENT.id,
      attendee.ticketId,
    );
    const cases: Array<[string, string, string]> = [
      ['forged signature', forged, 'bad-signature'],
      ['flipped ticket-id bit', flip(20), 'bad-signature'],
      ['flipped signature bit', flip(70), 'bad-signature'],
      ['flipped event-id bit', flip(3), 'bad-signature'],
      ["this event's ids signed with another event's key", otherKey, 'bad-signature'],
      ['truncated', attendee.payload.slice(0, 100), 'malformed'],
      ['oversized (10 KB)', `PL1.${'A'.repeat(10_000)}`, 'oversized'],
      ['just past the ticket maximum', `PL1.${'A'.repeat(253)}`, 'oversized'],
      ['a URL', 'https://evil.example/?q=1', 'malformed'],
      ['SQL', "PL1.' OR 1=1--", 'malformed'],
      ['non-base64 characters', `PL1.${'é'.repeat(128)}`, 'malformed'],
    ];
    for (const [label, payload, reason] of cases) {
      const result = await scan(api, staff, scanBody(staffDevice, { payload }));
      expect({ label, verdict: result.verdict, reason: result.reason, attendee: result.attendee }).toEqual({
        label,
        verdict: 'invalid',
        reason,
        attendee: null,
      });
    }
    // Every refused scan is kept, with device and time.
    expect(
      await count(`SELECT count(*) AS n FROM checkins WHERE device_id = $1 AND verdict = 'invalid'`, [
        staffDevice,
      ]),
    ).toBeGreaterThanOrEqual(cases.length);
    // The genuine ticket still admits.
    expect((await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }))).verdict).toBe(
      'admitted',
    );
  });

  it('refuses oversized scan text on the wire before any handler runs', async () => {
    const tooLong = await postScan(
      api,
      staff,
      scanBody(staffDevice, { payload: `PL1.${'A'.repeat(20_000)}` }),
    );
    expect(tooLong.statusCode).toBe(400);
    expect(errorCode(tooLong)).toBe('core/validation-failed');
    const hugeBody = await postScan(
      api,
      staff,
      scanBody(staffDevice, { payload: `PL1.${'A'.repeat(70_000)}` }),
    );
    expect(hugeBody.statusCode).toBe(413);
    expect(errorCode(hugeBody)).toBe('core/payload-too-large');
  });

  it('answers a genuine ticket of another event with wrong_event', async () => {
    const foreign = await seedAttendee(api, { eventId: OTHER_EVENT_ID });
    const result = await scan(api, staff, scanBody(staffDevice, { payload: foreign.payload }));
    expect(result).toMatchObject({ verdict: 'wrong_event', reason: null, attendee: null });
  });

  it('answers a reissued (revoked) ticket with revoked and the new one with admitted', async () => {
    const attendee = await seedAttendee(api, { name: 'Rita Reissued' });
    await reissue(attendee.registrationId);
    const old = await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }));
    expect(old).toMatchObject({ verdict: 'revoked', attendee: { name: 'Rita Reissued' } });
    const [fresh] = await api.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM tickets WHERE registration_id = $1 AND revoked_at IS NULL',
      [attendee.registrationId],
    );
    const payload = api.app.get(TicketService).payload({ eventId: REFERENCE_EVENT.id, id: fresh?.id ?? '' });
    expect((await scan(api, staff, scanBody(staffDevice, { payload }))).verdict).toBe('admitted');
  });

  it('answers a registration that is not approved with not_approved, by QR and by manual admission', async () => {
    const pending = await seedAttendee(api, { status: 'pending' });
    expect((await scan(api, staff, scanBody(staffDevice, { payload: pending.payload }))).verdict).toBe(
      'not_approved',
    );
    expect(
      (await scan(api, staff, scanBody(staffDevice, { registrationId: pending.registrationId }))).verdict,
    ).toBe('not_approved');
    const unknown = await scan(api, staff, scanBody(staffDevice, { registrationId: randomUUID() }));
    expect(unknown).toMatchObject({ verdict: 'invalid', reason: 'unknown-registration' });
  });

  it('admits manually by registration id, once per day whichever way comes first', async () => {
    const attendee = await seedAttendee(api, { attendance: 'remote' });
    const manual = await scan(api, staff, scanBody(staffDevice, { registrationId: attendee.registrationId }));
    expect(manual).toMatchObject({
      verdict: 'admitted',
      method: 'manual',
      attendee: { registrationId: attendee.registrationId, attendance: 'remote', status: 'approved' },
    });
    const qr = await scan(api, organiser, scanBody(organiserDevice, { payload: attendee.payload }));
    expect(qr).toMatchObject({
      verdict: 'already_checked_in',
      firstCheckin: { checkinId: manual.checkinId },
    });
  });

  it('validates scan bodies', async () => {
    const attendee = await seedAttendee(api);
    const both = await postScan(api, staff, {
      ...scanBody(staffDevice, { payload: attendee.payload }),
      registrationId: attendee.registrationId,
    });
    expect(both.statusCode).toBe(400);
    const { payload: _payload, ...neither } = scanBody(staffDevice, { payload: attendee.payload });
    expect((await postScan(api, staff, neither)).statusCode).toBe(400);
    expect((await postScan(api, staff, scanBody(staffDevice, attendee, { nonce: 'x' }))).statusCode).toBe(
      400,
    );
    const tooMany = await api.request({
      method: 'POST',
      url: `${CHECKINS}/batch`,
      cookie: staff,
      payload: {
        deviceId: staffDevice,
        scans: Array.from({ length: 501 }, () => offlineScan(attendee, new Date())),
      },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});

describe('Devices', () => {
  it('lets only the owner scan with a device; organisers list all, staff their own', async () => {
    const attendee = await seedAttendee(api);
    const borrowed = await postScan(api, organiser, scanBody(staffDevice, { payload: attendee.payload }));
    expect(borrowed.statusCode).toBe(404);
    expect(errorCode(borrowed)).toBe('checkin/device-not-found');

    const own = checkinDeviceListSchema.parse(
      (await api.request({ url: `${CHECKINS}/devices`, cookie: staff })).json(),
    );
    expect(own.devices.map((device) => device.id)).toContain(staffDevice);
    expect(own.devices.map((device) => device.id)).not.toContain(organiserDevice);
    const all = checkinDeviceListSchema.parse(
      (await api.request({ url: `${CHECKINS}/devices`, cookie: organiser })).json(),
    );
    expect(all.devices.map((device) => device.id)).toEqual(
      expect.arrayContaining([staffDevice, organiserDevice]),
    );
    expect(all.devices.find((device) => device.id === staffDevice)?.ownerName).toBe('Demo Door Staff');
  });

  it('refuses a revoked device and ends the session that registered it', async () => {
    const doorStaff = await signInAs(api, 'staff@plenary.test');
    const device = await registerDevice(api, doorStaff, 'Lost phone');
    const attendee = await seedAttendee(api);
    expect((await scan(api, doorStaff, scanBody(device, { payload: attendee.payload }))).verdict).toBe(
      'admitted',
    );

    const revoked = await api.request({
      method: 'POST',
      url: `${CHECKINS}/devices/${device}/revoke`,
      cookie: organiser,
    });
    expect(revoked.statusCode).toBe(200);
    expect(checkinDeviceSchema.parse(revoked.json())).toMatchObject({ id: device, scans: 1 });
    expect(checkinDeviceSchema.parse(revoked.json()).revokedAt).not.toBeNull();

    const lost = await postScan(api, doorStaff, scanBody(device, { payload: attendee.payload }));
    expect(lost.statusCode).toBe(401);
    const again = await signInAs(api, 'staff@plenary.test');
    const refused = await postScan(api, again, scanBody(device, { payload: attendee.payload }));
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe('checkin/device-revoked');
    const snapshot = await api.request({ url: `${CHECKINS}/snapshot?deviceId=${device}`, cookie: again });
    expect(snapshot.statusCode).toBe(403);
    // The other staff sessions and devices keep working.
    expect((await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }))).verdict).toBe(
      'already_checked_in',
    );
    const audit = await api.dataSource.query<Array<{ action: string }>>(
      'SELECT action FROM audit_log WHERE target_id = $1 ORDER BY created_at',
      [device],
    );
    expect(audit.map((row) => row.action)).toEqual(['checkin.device.register', 'checkin.device.revoke']);
  });
});

describe('Undo', () => {
  it('undoes an admission from the same device within the window, then admits again', async () => {
    const attendee = await seedAttendee(api);
    const admitted = await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }));
    const undo = (cookie: string, deviceId: string, checkinId = admitted.checkinId) =>
      api.request({ method: 'POST', url: `${CHECKINS}/${checkinId}/undo`, cookie, payload: { deviceId } });

    const otherDevice = await undo(organiser, organiserDevice);
    expect(otherDevice.statusCode).toBe(403);
    expect(errorCode(otherDevice)).toBe('checkin/undo-not-allowed');

    const undone = await undo(staff, staffDevice);
    expect(undone.statusCode).toBe(200);
    expect(checkinResultSchema.parse(undone.json())).toMatchObject({
      checkinId: admitted.checkinId,
      verdict: 'admitted',
      undoableUntil: null,
    });
    expect(checkinResultSchema.parse(undone.json()).undoneAt).not.toBeNull();
    expect((await undo(staff, staffDevice)).statusCode).toBe(200);

    const readmitted = await scan(api, organiser, scanBody(organiserDevice, { payload: attendee.payload }));
    expect(readmitted.verdict).toBe('admitted');
    expect(readmitted.checkinId).not.toBe(admitted.checkinId);

    const duplicate = await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }));
    const notAnAdmission = await undo(staff, staffDevice, duplicate.checkinId);
    expect(notAnAdmission.statusCode).toBe(403);

    await api.dataSource.query(
      `UPDATE checkins SET received_at = received_at - interval '3 minutes' WHERE id = $1`,
      [readmitted.checkinId],
    );
    const late = await undo(organiser, organiserDevice, readmitted.checkinId);
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe('checkin/undo-window-passed');
    expect((await undo(staff, staffDevice, randomUUID())).statusCode).toBe(404);

    const audit = await api.dataSource.query<Array<{ action: string }>>(
      'SELECT action FROM audit_log WHERE target_id = $1',
      [admitted.checkinId],
    );
    expect(audit).toEqual([{ action: 'checkin.undo' }]);
  });
});

describe('Offline uploads and the conflict report', () => {
  it('stores a queue uploaded twice once, marked offline with device and server times', async () => {
    const attendees = await Promise.all(Array.from({ length: 5 }, () => seedAttendee(api)));
    const scannedAt = new Date(Date.now() - 5 * 60_000);
    const queue = attendees.map((attendee) => offlineScan(attendee, scannedAt));
    const first = await batch(staff, staffDevice, queue);
    const second = await batch(staff, staffDevice, queue);
    expect(first.map((result) => result.verdict)).toEqual(Array(5).fill('admitted'));
    expect(first.every((result) => !result.replayed && result.mode === 'offline')).toBe(true);
    expect(second).toEqual(first.map((result) => ({ ...result, replayed: true })));
    expect(first[0]?.occurredAt).toBe(scannedAt.toISOString());
    expect(new Date(first[0]?.receivedAt ?? 0).getTime()).toBeGreaterThan(scannedAt.getTime());
    expect(
      await count('SELECT count(*) AS n FROM checkins WHERE nonce = ANY($1::uuid[])', [
        queue.map((item) => item.nonce),
      ]),
    ).toBe(5);
  });

  it('stores a queue uploaded five times at once exactly once', async () => {
    const attendees = await seedAttendees(api, 100);
    // Some tickets twice in the queue (a second phone's scans replayed by the same device), shuffled.
    const queue = [...attendees, ...attendees.slice(0, 20)]
      .map((attendee, index) => offlineScan(attendee, new Date(Date.now() - 60_000 + index)))
      .sort((a, b) => a.nonce.localeCompare(b.nonce));
    const uploads = await Promise.all(Array.from({ length: 5 }, () => batch(staff, staffDevice, queue)));
    const [reference] = uploads;
    for (const results of uploads)
      expect(results.map((result) => [result.checkinId, result.verdict])).toEqual(
        reference?.map((result) => [result.checkinId, result.verdict]),
      );
    expect(reference?.filter((result) => result.verdict === 'admitted')).toHaveLength(100);
    expect(reference?.filter((result) => result.verdict === 'already_checked_in')).toHaveLength(20);
    expect(
      await count('SELECT count(*) AS n FROM checkins WHERE nonce = ANY($1::uuid[])', [
        queue.map((item) => item.nonce),
      ]),
    ).toBe(120);
  });

  it('takes a full batch of 500 scans (a body past the 64 KiB default limit) and answers in order', async () => {
    const attendees = await seedAttendees(api, 500);
    const queue = attendees.map((attendee) => offlineScan(attendee, new Date(Date.now() - 60_000)));
    expect(JSON.stringify({ deviceId: staffDevice, scans: queue }).length).toBeGreaterThan(64 * 1024);
    const results = await batch(staff, staffDevice, queue);
    expect(results.map((result) => result.nonce)).toEqual(queue.map((item) => item.nonce));
    expect(results.every((result) => result.verdict === 'admitted')).toBe(true);
  });

  it('reports one duplicate entry when two devices admitted the same ticket offline', async () => {
    const attendee = await seedAttendee(api, { name: 'Dora Double' });
    const scannedAt = new Date(Date.now() - 10 * 60_000);
    const [fromA] = await batch(staff, staffDevice, [offlineScan(attendee, scannedAt)]);
    const [fromB] = await batch(organiser, organiserDevice, [
      offlineScan(attendee, new Date(scannedAt.getTime() + 60_000), { gate: 'C' }),
    ]);
    expect(fromA?.verdict).toBe('admitted');
    expect(fromB).toMatchObject({
      verdict: 'already_checked_in',
      firstCheckin: { checkinId: fromA?.checkinId },
    });
    // The same device seeing the ticket again offline knew it (yellow on the device): not a conflict.
    await batch(staff, staffDevice, [
      offlineScan(attendee, new Date(), { localVerdict: 'already_checked_in' }),
    ]);

    const report = conflictReportSchema.parse(
      (await api.request({ url: `${CHECKINS}/conflicts`, cookie: organiser })).json(),
    );
    const mine = report.conflicts.filter((conflict) => conflict.registrationId === attendee.registrationId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'duplicate_entry', name: 'Dora Double' });
    expect(mine[0]?.scans.map((item) => [item.deviceName, item.gate, item.mode, item.verdict])).toEqual([
      ['Gate A phone', 'B', 'offline', 'admitted'],
      ['Gate B tablet', 'C', 'offline', 'already_checked_in'],
    ]);
  });

  it('reports an offline admission of a ticket revoked before the scan, not one revoked after', async () => {
    const early = await seedAttendee(api, { name: 'Early Scan' });
    const late = await seedAttendee(api, { name: 'Late Scan' });
    const scannedBeforeRevocation = new Date(Date.now() - 10 * 60_000);
    await reissue(early.registrationId);
    await reissue(late.registrationId);
    const [valid, stale] = await batch(staff, staffDevice, [
      offlineScan(early, scannedBeforeRevocation),
      offlineScan(late, new Date()),
    ]);
    expect(valid?.verdict).toBe('admitted');
    expect(stale?.verdict).toBe('revoked');

    const report = conflictReportSchema.parse(
      (await api.request({ url: `${CHECKINS}/conflicts`, cookie: organiser })).json(),
    );
    const revoked = report.conflicts.filter((conflict) => conflict.kind === 'revoked_before_scan');
    expect(revoked.filter((conflict) => conflict.registrationId === late.registrationId)).toEqual([
      expect.objectContaining({ name: 'Late Scan', ticketId: late.ticketId }),
    ]);
    expect(revoked.some((conflict) => conflict.registrationId === early.registrationId)).toBe(false);
  });
});

describe('Search', () => {
  it('finds by word prefix of a name, organisation or e-mail; wildcards are literal', async () => {
    const ada = await seedAttendee(api, {
      name: 'Ada Lovelace',
      organisation: 'Analytical Engines Ltd',
      email: 'ada.l@example.org',
    });
    const search = (q: string, extra = '') =>
      api.request({
        url: `${CHECKINS}/search?deviceId=${staffDevice}&q=${encodeURIComponent(q)}${extra}`,
        cookie: staff,
      });
    for (const q of ['ada', 'LOVE', 'analytical', 'ada.l@']) {
      const response = await search(q);
      expect(response.statusCode).toBe(200);
      const found = checkinSearchResultSchema.parse(response.json()).candidates;
      expect(found.map((candidate) => candidate.registrationId)).toContain(ada.registrationId);
    }
    const [candidate] = checkinSearchResultSchema
      .parse((await search('lovelace')).json())
      .candidates.filter((item) => item.registrationId === ada.registrationId);
    expect(candidate).toMatchObject({ emailHint: 'ad…@example.org', hasTicket: true, checkedIn: null });

    await scan(api, staff, scanBody(staffDevice, { registrationId: ada.registrationId }, { gate: 'North' }));
    const after = checkinSearchResultSchema.parse((await search('lovelace')).json()).candidates[0];
    expect(after?.checkedIn).toMatchObject({ gate: 'North' });

    expect(checkinSearchResultSchema.parse((await search('%%%')).json()).candidates).toEqual([]);
    expect(checkinSearchResultSchema.parse((await search('a_a')).json()).candidates).toEqual([]);
    expect((await search('ad')).statusCode).toBe(400);
    expect((await search('ada\u0000')).statusCode).toBe(400);
    expect((await search('ada', '&limit=1000')).statusCode).toBe(400);
  });
});

describe('Snapshot', () => {
  it('serves a full snapshot, then only what changed since its cursor', async () => {
    const kept = await seedAttendee(api, { name: 'Kept Unchanged' });
    const reissued = await seedAttendee(api, { name: 'Reissued Later' });
    const scanned = await seedAttendee(api, { name: 'Scanned Later' });
    const erased = await seedAttendee(api, { name: 'Erased Later' });
    // Everything so far happened long ago, so the refresh overlap does not re-send it.
    for (const sql of [
      `UPDATE registrations SET updated_at = updated_at - interval '1 day'`,
      `UPDATE people SET updated_at = updated_at - interval '1 day'`,
      `UPDATE tickets SET issued_at = issued_at - interval '1 day', revoked_at = revoked_at - interval '1 day'`,
      `UPDATE event_roles SET created_at = created_at - interval '1 day'`,
      `UPDATE checkins SET received_at = received_at - interval '1 day', undone_at = undone_at - interval '1 day'`,
    ])
      await api.dataSource.query(sql);

    const get = (query: string, cookie = staff) =>
      api.request({ url: `${CHECKINS}/snapshot?deviceId=${staffDevice}${query}`, cookie });
    const full = checkinSnapshotSchema.parse((await get('')).json());
    expect(full.full).toBe(true);
    expect(full.registrations).toHaveLength(
      await count('SELECT count(*) AS n FROM registrations WHERE event_id = $1', [REFERENCE_EVENT.id]),
    );
    const key = ticketKeySchema.parse((await api.request({ url: '/api/events/vmc2021/ticket-key' })).json());
    expect(full.ticketKey).toEqual(key);
    expect(full.revokedTickets).toHaveLength(
      await count('SELECT count(*) AS n FROM tickets WHERE event_id = $1 AND revoked_at IS NOT NULL', [
        REFERENCE_EVENT.id,
      ]),
    );
    expect(full.registrations.find((row) => row.registrationId === kept.registrationId)).toEqual({
      registrationId: kept.registrationId,
      name: 'Kept Unchanged',
      organisation: 'Example Ministry',
      attendance: 'in_person',
      status: 'approved',
      roles: [],
      ticketIds: [kept.ticketId],
      admissions: [],
    });
    expect(full.registrations.some((row) => row.admissions.length > 0)).toBe(true);

    await reissue(reissued.registrationId);
    const admitted = await scan(api, staff, scanBody(staffDevice, { payload: scanned.payload }));
    await api.dataSource.query('DELETE FROM registrations WHERE id = $1', [erased.registrationId]);

    const delta = checkinSnapshotSchema.parse((await get(`&since=${full.cursor}`)).json());
    expect(delta.full).toBe(false);
    expect(delta.registrations.map((row) => row.registrationId).sort()).toEqual(
      [reissued.registrationId, scanned.registrationId].sort(),
    );
    expect(delta.removedRegistrationIds).toEqual([erased.registrationId]);
    expect(delta.revokedTickets.map((row) => row.ticketId)).toEqual([reissued.ticketId]);
    expect(
      delta.registrations.find((row) => row.registrationId === scanned.registrationId)?.admissions,
    ).toEqual([{ day: admitted.day, at: admitted.occurredAt, gate: 'A' }]);
    expect(
      delta.registrations.find((row) => row.registrationId === reissued.registrationId)?.ticketIds,
    ).not.toContain(reissued.ticketId);

    const nothing = checkinSnapshotSchema.parse((await get(`&since=${delta.cursor}`)).json());
    expect(nothing.registrations.map((row) => row.registrationId).sort()).toEqual(
      delta.registrations.map((row) => row.registrationId).sort(),
    );
    expect((await get('&since=yesterday')).statusCode).toBe(400);
  });
});

describe('Hybrid switch', () => {
  it('NOTIFYs checkin.admitted on plenary_events when the door admits someone, and checkin.undone on undo', async () => {
    const listener = new Client({ connectionString: (api.dataSource.options as { url?: string }).url });
    await listener.connect();
    const events: CheckinDomainEvent[] = [];
    listener.on('notification', (message) => {
      if (message.channel === 'plenary_events' && message.payload)
        events.push(checkinDomainEventSchema.parse(JSON.parse(message.payload)));
    });
    await listener.query('LISTEN plenary_events');
    try {
      const attendee = await seedAttendee(api);
      const admitted = await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }));
      await scan(api, staff, scanBody(staffDevice, { payload: attendee.payload }));
      await scan(api, staff, scanBody(staffDevice, { payload: 'PL1.junk' }));
      await eventually(async () => (events.length >= 1 ? true : undefined));
      await api.request({
        method: 'POST',
        url: `${CHECKINS}/${admitted.checkinId}/undo`,
        cookie: staff,
        payload: { deviceId: staffDevice },
      });
      // Everything committed so far has arrived once the fence has: a third event (a repeated admission, the junk
      // scan) would be in the list.
      await notificationFence(listener);
      expect(events).toEqual([
        {
          type: 'checkin.admitted',
          eventId: REFERENCE_EVENT.id,
          personId: attendee.personId,
          day: admitted.day,
        },
        {
          type: 'checkin.undone',
          eventId: REFERENCE_EVENT.id,
          personId: attendee.personId,
          day: admitted.day,
        },
      ]);
    } finally {
      await listener.end();
    }
  });
});

describe('Attendance', () => {
  it('counts registrations, door admissions per day and people in the room per session', async () => {
    const sessionDay = '2021-10-19';
    const attendee = await seedAttendee(api, { attendance: 'remote' });
    const [result] = await batch(staff, staffDevice, [
      offlineScan(attendee, new Date('2021-10-19T10:00:00+02:00')),
    ]);
    expect(result).toMatchObject({ verdict: 'admitted', day: sessionDay });

    const response = await api.request({ url: '/api/events/vmc2021/attendance', cookie: organiser });
    expect(response.statusCode).toBe(200);
    const summary = attendanceSummarySchema.parse(response.json());
    const approved = await api.dataSource.query<Array<{ attendance: string; n: number }>>(
      `SELECT attendance, count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'approved'
        GROUP BY attendance`,
      [REFERENCE_EVENT.id],
    );
    expect(summary.registered).toEqual({
      inPerson: approved.find((row) => row.attendance === 'in_person')?.n ?? 0,
      remote: approved.find((row) => row.attendance === 'remote')?.n ?? 0,
      total: approved.reduce((sum, row) => sum + row.n, 0),
    });
    const perDay = await api.dataSource.query<Array<{ day: string; n: number }>>(
      `SELECT day::text AS day, count(DISTINCT person_id)::int AS n FROM checkins
        WHERE event_id = $1 AND verdict = 'admitted' AND undone_at IS NULL GROUP BY day ORDER BY day`,
      [REFERENCE_EVENT.id],
    );
    expect(summary.checkedIn.map((day) => ({ day: day.day, n: day.total }))).toEqual(perDay);
    expect(summary.checkedIn.find((day) => day.day === sessionDay)).toEqual({
      day: sessionDay,
      total: 1,
      inPerson: 0,
      remote: 1,
    });
    expect(summary.sessions).toHaveLength(REFERENCE_SESSIONS.length);
    for (const session of summary.sessions) {
      expect(session.inRoom).toBe(session.day === sessionDay ? 1 : 0);
      expect(session).toMatchObject({ online: 0, both: 0, onlineMinutes: 0, onlineNow: 0 });
    }
    expect(summary.onlineNow).toBe(0);
    expect(summary.joinedVideo).toBe(0);
    expect(summary.sources).toEqual({ door: true, media: true, presence: true });
  });
});

describe('Role × check-in endpoint matrix', () => {
  type Who = 'anonymous' | 'attendee' | 'moderator' | 'staff' | 'organiser';
  const cookies = new Map<Who, string | undefined>();
  const fakeDevice = '5e0c2021-0000-4000-8000-00000000dead';

  beforeAll(async () => {
    const attendee = await seedAttendee(api, { email: 'matrix-attendee@example.org' });
    cookies.set('anonymous', undefined);
    cookies.set('attendee', await signInAs(api, 'matrix-attendee@example.org'));
    cookies.set('moderator', await signInAs(api, 'moderator@plenary.test'));
    cookies.set('staff', staff);
    cookies.set('organiser', organiser);
    expect(attendee.registrationId).toBeDefined();
  });

  const scanPayload = {
    deviceId: fakeDevice,
    nonce: randomUUID(),
    gate: 'A',
    scannedAt: new Date().toISOString(),
    mode: 'online',
    payload: 'PL1.x',
  };
  const endpoints: Array<{
    name: string;
    method: 'GET' | 'POST';
    url: string;
    payload?: unknown;
    expect: Record<Who, number>;
  }> = [
    {
      name: 'register device',
      method: 'POST',
      url: `${CHECKINS}/devices`,
      payload: { name: 'Matrix phone' },
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 201, organiser: 201 },
    },
    {
      name: 'list devices',
      method: 'GET',
      url: `${CHECKINS}/devices`,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 200, organiser: 200 },
    },
    {
      name: 'scan',
      method: 'POST',
      url: CHECKINS,
      payload: scanPayload,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 404, organiser: 404 },
    },
    {
      name: 'batch',
      method: 'POST',
      url: `${CHECKINS}/batch`,
      payload: { deviceId: fakeDevice, scans: [{ ...scanPayload, deviceId: undefined }] },
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 404, organiser: 404 },
    },
    {
      name: 'undo',
      method: 'POST',
      url: `${CHECKINS}/${randomUUID()}/undo`,
      payload: { deviceId: fakeDevice },
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 404, organiser: 404 },
    },
    {
      name: 'search',
      method: 'GET',
      url: `${CHECKINS}/search?deviceId=${fakeDevice}&q=ada`,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 404, organiser: 404 },
    },
    {
      name: 'snapshot',
      method: 'GET',
      url: `${CHECKINS}/snapshot?deviceId=${fakeDevice}`,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 404, organiser: 404 },
    },
    {
      name: 'revoke device',
      method: 'POST',
      url: `${CHECKINS}/devices/${fakeDevice}/revoke`,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 404 },
    },
    {
      name: 'conflict report',
      method: 'GET',
      url: `${CHECKINS}/conflicts`,
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 200 },
    },
    {
      name: 'attendance',
      method: 'GET',
      url: '/api/events/vmc2021/attendance',
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 200 },
    },
    {
      name: 'attendance records',
      method: 'GET',
      url: '/api/events/vmc2021/attendance/records',
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 200 },
    },
    {
      name: 'attendance CSV',
      method: 'GET',
      url: '/api/events/vmc2021/attendance.csv',
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 200 },
    },
    {
      name: 'attendance timeline',
      method: 'GET',
      url: '/api/events/vmc2021/attendance/timeline',
      expect: { anonymous: 401, attendee: 403, moderator: 403, staff: 403, organiser: 200 },
    },
    {
      name: 'my presence',
      method: 'GET',
      url: '/api/events/vmc2021/my/presence',
      expect: { anonymous: 401, attendee: 200, moderator: 200, staff: 200, organiser: 200 },
    },
  ];

  it.each(endpoints)('$name answers each role as expected', async (endpoint) => {
    const seen: Record<string, number> = {};
    for (const who of Object.keys(endpoint.expect) as Who[]) {
      const response = await api.request({
        method: endpoint.method,
        url: endpoint.url,
        payload: endpoint.payload as Record<string, unknown> | undefined,
        cookie: cookies.get(who),
      });
      seen[who] = response.statusCode;
    }
    expect(seen).toEqual(endpoint.expect);
  });
});

describe('One admission per day, in the event’s time zone', () => {
  // The reference event runs on 19 and 20 October 2021 in Europe/Vienna (UTC+2 then): local midnight is 22:00 UTC,
  // so an hour either side of it falls on one UTC day but two event days. Offline scans carry their scan time.
  /** Uploads `times` as one offline queue; answers each scan's verdict and day. */
  const verdicts = async (target: SeededAttendee, times: string[]) =>
    (
      await batch(
        staff,
        staffDevice,
        times.map((time) => offlineScan(target, new Date(time))),
      )
    ).map((result) => [result.verdict, result.day]);

  it('admits once on each of the two event days and refuses the same day again', async () => {
    const attendee = await seedAttendee(api, { name: 'Two Days' });
    const times = [
      '2021-10-19T07:30:00Z',
      '2021-10-20T07:30:00Z',
      '2021-10-20T12:00:00Z',
      '2021-10-19T15:00:00Z',
    ];
    const results: unknown[] = [];
    for (const time of times) results.push(...(await verdicts(attendee, [time])));
    expect(results).toEqual([
      ['admitted', '2021-10-19'],
      ['admitted', '2021-10-20'],
      ['already_checked_in', '2021-10-20'],
      ['already_checked_in', '2021-10-19'],
    ]);
  });

  it('counts a scan a minute before local midnight on the first day and one a minute after on the second', async () => {
    const attendee = await seedAttendee(api, { name: 'Midnight Guest' });
    const results: unknown[] = [];
    // 23:59 and 00:01 Vienna time: both 21:xx/22:xx UTC on the 19th.
    for (const time of ['2021-10-19T21:59:00Z', '2021-10-19T22:01:00Z', '2021-10-20T08:00:00Z'])
      results.push(...(await verdicts(attendee, [time])));
    expect(results).toEqual([
      ['admitted', '2021-10-19'],
      ['admitted', '2021-10-20'],
      ['already_checked_in', '2021-10-20'],
    ]);
  });

  it('judges scans of one upload across local midnight by their local day', async () => {
    const attendee = await seedAttendee(api, { name: 'Midnight Upload' });
    expect(
      await verdicts(attendee, ['2021-10-19T21:58:00Z', '2021-10-19T21:59:59Z', '2021-10-19T22:00:00Z']),
    ).toEqual([
      ['admitted', '2021-10-19'],
      ['already_checked_in', '2021-10-19'],
      ['admitted', '2021-10-20'],
    ]);
    expect(
      await count(
        `SELECT count(*) AS n FROM checkins
          WHERE registration_id = $1 AND verdict = 'admitted' AND undone_at IS NULL`,
        [attendee.registrationId],
      ),
    ).toBe(2);
  });
});
