import { TICKET_PAYLOAD_MAX } from '@plenary/contracts';
import {
  ADA,
  ADA_OLD_TICKET,
  ADA_TICKET,
  EVENT_ID,
  GRACE,
  OTHER_EVENT_ID,
  PENDING,
  PENDING_TICKET,
  snapshot,
} from '../testing/fixtures';
import { openFakeDb } from '../testing/fake-db';
import { createTicketSigner } from '../testing/webcrypto';
import { applySnapshot, searchLocal } from './checkin-db';
import type { QueuedScan } from './checkin-db';
import { decideOffline, eventDay, judgeOffline } from './offline-verdict';
import { importTicketKey, verifyTicketPayload } from './ticket-payload';

const DAY = '2026-11-26';
const UNKNOWN_TICKET = '7c000000-0000-4000-8000-0000000000ff';

describe('eventDay', () => {
  it('counts the day in the event time zone', () => {
    expect(eventDay(new Date('2026-11-26T23:30:00Z'), 'Europe/Vienna')).toBe('2026-11-27');
    expect(eventDay(new Date('2026-11-26T23:30:00Z'), 'America/New_York')).toBe('2026-11-26');
  });
});

describe('judgeOffline', () => {
  const facts = {
    eventId: EVENT_ID,
    day: DAY,
    ticket: null,
    revoked: null,
    registration: ADA,
    queuedAdmission: null,
  };
  const queued: QueuedScan = {
    nonce: '11111111-1111-4111-8111-111111111111',
    scan: {
      nonce: '11111111-1111-4111-8111-111111111111',
      gate: 'A',
      scannedAt: '2026-11-26T09:12:00.000Z',
      mode: 'offline',
      localVerdict: 'admitted',
      registrationId: ADA.registrationId,
    },
    queuedAt: '2026-11-26T09:12:00.000Z',
    registrationId: ADA.registrationId,
    day: DAY,
    name: ADA.name,
  };

  it('admits an approved person not admitted today', () => {
    expect(judgeOffline(facts)).toMatchObject({ verdict: 'admitted', attendee: { name: 'Ada Lovelace' } });
  });

  it('shows yellow for an admission today in the snapshot, pointing at it', () => {
    const registration = { ...ADA, admissions: [{ day: DAY, at: '2026-11-26T08:12:00.000Z', gate: 'B' }] };
    expect(judgeOffline({ ...facts, registration })).toMatchObject({
      verdict: 'already_checked_in',
      firstCheckin: { at: '2026-11-26T08:12:00.000Z', gate: 'B' },
    });
  });

  it('ignores admissions of other days', () => {
    const registration = {
      ...ADA,
      admissions: [{ day: '2026-11-25', at: '2026-11-25T08:12:00.000Z', gate: 'B' }],
    };
    expect(judgeOffline({ ...facts, registration }).verdict).toBe('admitted');
  });

  it("shows yellow for this device's own queued admission today", () => {
    expect(judgeOffline({ ...facts, queuedAdmission: queued })).toMatchObject({
      verdict: 'already_checked_in',
      firstCheckin: { gate: 'A', at: '2026-11-26T09:12:00.000Z' },
    });
  });

  it('refuses a registration that is not approved', () => {
    expect(judgeOffline({ ...facts, registration: PENDING }).verdict).toBe('not_approved');
  });

  it('refuses a revoked ticket, naming its holder', () => {
    const revoked = {
      ticketId: ADA_OLD_TICKET,
      registrationId: ADA.registrationId,
      revokedAt: '2026-11-20T10:00:00Z',
    };
    const ticket = { ok: true as const, eventId: EVENT_ID, ticketId: ADA_OLD_TICKET };
    expect(judgeOffline({ ...facts, ticket, revoked })).toMatchObject({
      verdict: 'revoked',
      attendee: { name: 'Ada Lovelace' },
    });
  });

  it('tells unknown tickets from unknown registrations', () => {
    const ticket = { ok: true as const, eventId: EVENT_ID, ticketId: UNKNOWN_TICKET };
    expect(judgeOffline({ ...facts, ticket, registration: null })).toMatchObject({
      verdict: 'invalid',
      reason: 'unknown-ticket',
    });
    expect(judgeOffline({ ...facts, registration: null })).toMatchObject({
      verdict: 'invalid',
      reason: 'unknown-registration',
    });
  });

  it('calls a payload for another event wrong_event, and a forgery for this one invalid', () => {
    expect(
      judgeOffline({ ...facts, ticket: { ok: false, reason: 'bad-signature', eventId: OTHER_EVENT_ID } })
        .verdict,
    ).toBe('wrong_event');
    expect(
      judgeOffline({ ...facts, ticket: { ok: false, reason: 'bad-signature', eventId: EVENT_ID } }),
    ).toMatchObject({ verdict: 'invalid', reason: 'bad-signature' });
  });
});

describe('verifyTicketPayload', () => {
  it('accepts a genuine payload and refuses bit flips, garbage and oversized text', async () => {
    const signer = await createTicketSigner(EVENT_ID);
    const key = await importTicketKey(signer.publicKey);
    const payload = await signer.payload(ADA_TICKET);
    expect(await verifyTicketPayload(payload, key)).toEqual({
      ok: true,
      eventId: EVENT_ID,
      ticketId: ADA_TICKET,
    });

    const flipped = payload.slice(0, 60) + (payload[60] === 'A' ? 'B' : 'A') + payload.slice(61);
    expect(await verifyTicketPayload(flipped, key)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(await verifyTicketPayload('hello', key)).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verifyTicketPayload('x'.repeat(TICKET_PAYLOAD_MAX + 1), key)).toMatchObject({
      ok: false,
      reason: 'oversized',
    });
  });

  it("refuses another event's ticket signed with that event's key", async () => {
    const ours = await createTicketSigner(EVENT_ID);
    const theirs = await createTicketSigner(OTHER_EVENT_ID);
    const key = await importTicketKey(ours.publicKey);
    expect(await verifyTicketPayload(await theirs.payload(ADA_TICKET), key)).toEqual({
      ok: false,
      reason: 'bad-signature',
      eventId: OTHER_EVENT_ID,
    });
  });
});

describe('decideOffline with the stored snapshot', () => {
  it('looks tickets, revocations and registrations up in IndexedDB', async () => {
    const signer = await createTicketSigner(EVENT_ID);
    const key = await importTicketKey(signer.publicKey);
    const db = openFakeDb();
    await applySnapshot(db, snapshot(signer.publicKey));
    const context = { eventId: EVENT_ID, key, day: DAY };

    expect(await decideOffline(db, { payload: await signer.payload(ADA_TICKET) }, context)).toMatchObject({
      verdict: 'admitted',
      registrationId: ADA.registrationId,
    });
    expect(
      (await decideOffline(db, { payload: await signer.payload(ADA_OLD_TICKET) }, context)).verdict,
    ).toBe('revoked');
    expect(
      (await decideOffline(db, { payload: await signer.payload(PENDING_TICKET) }, context)).verdict,
    ).toBe('not_approved');
    expect(await decideOffline(db, { payload: await signer.payload(UNKNOWN_TICKET) }, context)).toMatchObject(
      {
        verdict: 'invalid',
        reason: 'unknown-ticket',
      },
    );
    expect((await decideOffline(db, { registrationId: GRACE.registrationId }, context)).verdict).toBe(
      'admitted',
    );
    db.close();
  });

  it('applies incremental snapshots: upserts, removals and new revocations', async () => {
    const signer = await createTicketSigner(EVENT_ID);
    const db = openFakeDb();
    await applySnapshot(db, snapshot(signer.publicKey));
    await applySnapshot(
      db,
      snapshot(signer.publicKey, {
        full: false,
        cursor: 'v1.200',
        registrations: [{ ...GRACE, name: 'Grace B. Hopper' }],
        removedRegistrationIds: [PENDING.registrationId],
        revokedTickets: [
          { ticketId: ADA_TICKET, registrationId: ADA.registrationId, revokedAt: '2026-11-26T08:00:00Z' },
        ],
      }),
    );
    expect(await db.registrations.count()).toBe(2);
    expect((await db.registrations.get(GRACE.registrationId))?.name).toBe('Grace B. Hopper');
    expect(await db.revokedTickets.count()).toBe(2);
    expect((await db.getSnapshotMeta())?.cursor).toBe('v1.200');
    expect((await searchLocal(db, 'hop')).map((found) => found.name)).toEqual(['Grace B. Hopper']);
    expect((await searchLocal(db, 'analytical lov')).map((found) => found.name)).toEqual(['Ada Lovelace']);
    expect(await searchLocal(db, 'nobody')).toEqual([]);
    db.close();
  });
});
