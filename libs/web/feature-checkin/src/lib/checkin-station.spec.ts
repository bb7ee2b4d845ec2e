import { ADA, ADA_TICKET, DEVICE_ID, EVENT_ID, GRACE, snapshot } from '../testing/fixtures';
import { openFakeDb } from '../testing/fake-db';
import { fakeCheckinApi } from '../testing/fake-checkin-api';
import { createTicketSigner } from '../testing/webcrypto';
import { CheckinStation, NoOfflineDataError } from './checkin-station';
import type { CheckinApi } from './checkin-station';
import type { CheckinDb } from './checkin-db';

const NOW = new Date('2026-11-26T09:30:00.000+01:00');
const device = { deviceId: DEVICE_ID, name: 'Door phone', gate: 'B', registeredAt: '2026-11-26T07:00:00Z' };

let nonceCounter = 0;
const newNonce = () => `00000000-0000-4000-8000-${String(++nonceCounter).padStart(12, '0')}`;

function station(db: CheckinDb, api: CheckinApi, timeoutMs = 3000) {
  return new CheckinStation({ db, api, device, now: () => NOW, newNonce, timeoutMs });
}

async function setUp() {
  const signer = await createTicketSigner(EVENT_ID);
  const server = fakeCheckinApi(() => snapshot(signer.publicKey));
  const db = openFakeDb();
  const door = station(db, server.api);
  await door.start();
  return { signer, server, db, door };
}

describe('CheckinStation', () => {
  it('admits online, then shows yellow for the same person', async () => {
    const { signer, db, door } = await setUp();
    expect(door.getState()).toMatchObject({ mode: 'online', snapshot: { registrations: 3 } });
    const payload = await signer.payload(ADA_TICKET);
    expect(await door.scan({ payload })).toMatchObject({ source: 'server', verdict: 'admitted' });
    expect(await door.scan({ payload })).toMatchObject({ source: 'server', verdict: 'already_checked_in' });
    // The online admission is remembered locally, for offline verdicts before the next refresh.
    expect((await db.registrations.get(ADA.registrationId))?.admissions).toEqual([
      expect.objectContaining({ day: '2026-11-26', gate: 'B' }),
    ]);
    db.close();
  });

  it('goes offline by itself on a network error and queues the scan with the same nonce', async () => {
    const { signer, server, db, door } = await setUp();
    server.state.reachable = false;
    const outcome = await door.scan({ payload: await signer.payload(ADA_TICKET) });
    expect(outcome).toMatchObject({
      source: 'device',
      verdict: 'admitted',
      attendee: { name: 'Ada Lovelace' },
    });
    expect(door.getState()).toMatchObject({ mode: 'offline', queued: 1 });
    const [queued] = await db.queue.toArray();
    expect(queued?.scan).toMatchObject({
      nonce: outcome.nonce,
      mode: 'offline',
      localVerdict: 'admitted',
      gate: 'B',
    });

    // Offline, the device's own queue makes the second scan yellow.
    expect(await door.scan({ registrationId: ADA.registrationId })).toMatchObject({
      source: 'device',
      verdict: 'already_checked_in',
      firstCheckin: { gate: 'B' },
    });
    db.close();
  });

  it('goes offline after the timeout when the server does not answer', async () => {
    const { signer, server, db } = await setUp();
    const door = station(db, server.api, 50);
    await door.start();
    server.state.hang = true;
    const outcome = await door.scan({ payload: await signer.payload(ADA_TICKET) });
    expect(outcome.source).toBe('device');
    expect(door.getState().mode).toBe('offline');
    db.close();
  });

  it('keeps the queue across a killed tab and uploads it once back online; a second upload adds nothing', async () => {
    const { signer, server, db, door } = await setUp();
    server.state.reachable = false;
    await door.scan({ payload: await signer.payload(ADA_TICKET) });
    await door.scan({ registrationId: GRACE.registrationId });
    const slug = db.name.replace('plenary-checkin-', '');
    db.close();

    // A new tab: the same database, a new station.
    const reopened = openFakeDb(slug);
    const again = station(reopened, server.api);
    await again.start();
    expect(again.getState()).toMatchObject({ mode: 'offline', queued: 2 });
    const queuedScans = (await reopened.queue.toArray()).map((queued) => queued.scan);

    server.state.reachable = true;
    await again.refresh();
    expect(again.getState()).toMatchObject({
      mode: 'online',
      queued: 0,
      lastUpload: { uploaded: 2, differing: 0 },
    });
    expect(server.admitted).toEqual(new Set([ADA.registrationId, GRACE.registrationId]));
    expect(server.byNonce.size).toBe(2);

    // The same scans again (a crash mid-upload): replayed, nothing new.
    const replay = await server.api.batch({ deviceId: DEVICE_ID, scans: queuedScans }, {});
    expect(replay.results.every((result) => result.replayed)).toBe(true);
    expect(server.byNonce.size).toBe(2);
    reopened.close();
  });

  it('counts the uploaded scans the server judged differently from the device', async () => {
    const { signer, server, db, door } = await setUp();
    server.admitted.add(ADA.registrationId); // another door let Ada in meanwhile
    server.state.reachable = false;
    await door.scan({ payload: await signer.payload(ADA_TICKET) });
    server.state.reachable = true;
    await door.refresh();
    expect(door.getState().lastUpload).toMatchObject({ uploaded: 1, differing: 1 });
    db.close();
  });

  it('undoes an online admission through the server and an offline one by dropping it from the queue', async () => {
    const { signer, server, db, door } = await setUp();
    const online = await door.scan({ payload: await signer.payload(ADA_TICKET) });
    await door.undo(online);
    expect(server.admitted.has(ADA.registrationId)).toBe(false);
    expect((await db.registrations.get(ADA.registrationId))?.admissions).toEqual([]);

    server.state.reachable = false;
    const offline = await door.scan({ registrationId: GRACE.registrationId });
    expect(door.getState().queued).toBe(1);
    await door.undo(offline);
    expect(door.getState().queued).toBe(0);
    db.close();
  });

  it("searches the snapshot offline, with today's admissions", async () => {
    const { server, db, door } = await setUp();
    server.state.reachable = false;
    await door.scan({ registrationId: GRACE.registrationId });
    const found = await door.search('grace');
    expect(found.source).toBe('device');
    expect(found.candidates).toEqual([
      expect.objectContaining({
        name: 'Grace Hopper',
        checkedIn: expect.objectContaining({ gate: 'B' }) as unknown,
      }),
    ]);
    db.close();
  });

  it('stops when the device is revoked, and says it has no offline data when it never got any', async () => {
    const { signer, server, db, door } = await setUp();
    server.state.revoked = true;
    await expect(door.scan({ payload: await signer.payload(ADA_TICKET) })).rejects.toMatchObject({
      code: 'checkin/device-revoked',
    });
    expect(door.getState().status).toBe('revoked');

    const fresh = openFakeDb();
    server.state.revoked = false;
    server.state.reachable = false;
    const empty = station(fresh, server.api);
    await empty.start();
    await expect(empty.scan({ registrationId: ADA.registrationId })).rejects.toBeInstanceOf(
      NoOfflineDataError,
    );
    db.close();
    fresh.close();
  });
});
