import { TICKET_PAYLOAD_MAX } from '@plenary/contracts';
import { deriveEventKeyPair, signTicket } from '@plenary/server-access';
import { isGenuineForeignTicket, judge, occurredAt, readPayload, type ScanFacts } from './verdict';

const EVENT = '5e0c2021-0000-4000-8000-000000000001';
const OTHER = '0e0c2099-0000-4000-8000-000000000001';
const TICKET = '7a1c0000-0000-4000-8000-000000000042';
const keys = deriveEventKeyPair('a-test-secret-of-at-least-32-characters', EVENT);
const otherKeys = deriveEventKeyPair('a-test-secret-of-at-least-32-characters', OTHER);

const facts = (overrides: Partial<ScanFacts> = {}): ScanFacts => ({
  ticketId: TICKET,
  ticketRevokedAt: null,
  registrationId: '7a1c0000-0000-4000-8000-000000000001',
  personId: '7a1c0000-0000-4000-8000-000000000002',
  status: 'approved',
  attendance: 'in_person',
  name: 'Ada',
  organisation: 'Engines',
  roles: [],
  ...overrides,
});

describe(readPayload.name, () => {
  it('reads a genuine ticket', () => {
    expect(readPayload(signTicket(keys, EVENT, TICKET), keys.publicKey, EVENT)).toEqual({
      kind: 'ticket',
      ticketId: TICKET,
    });
  });

  it('refuses oversized input by its length alone, before decoding', () => {
    const payload = `PL1.${'A'.repeat(TICKET_PAYLOAD_MAX)}`;
    const from = jest.spyOn(Buffer, 'from');
    try {
      expect(readPayload(payload, keys.publicKey, EVENT)).toEqual({ kind: 'invalid', reason: 'oversized' });
      expect(from).not.toHaveBeenCalled();
    } finally {
      from.mockRestore();
    }
  });

  it('tells a genuine ticket of another event from a forgery naming this one', () => {
    expect(readPayload(signTicket(otherKeys, OTHER, TICKET), keys.publicKey, EVENT)).toEqual({
      kind: 'foreign',
      eventId: OTHER,
    });
    expect(readPayload(signTicket(otherKeys, EVENT, TICKET), keys.publicKey, EVENT)).toEqual({
      kind: 'invalid',
      reason: 'bad-signature',
    });
    expect(readPayload('PL1.short', keys.publicKey, EVENT)).toEqual({ kind: 'invalid', reason: 'malformed' });
  });

  it('refuses a payload signed with this event’s key that names another event as a bad signature', () => {
    expect(readPayload(signTicket(keys, OTHER, TICKET), keys.publicKey, EVENT)).toEqual({
      kind: 'invalid',
      reason: 'bad-signature',
    });
  });
});

describe(isGenuineForeignTicket.name, () => {
  it('holds only for a ticket signed with the key of the event it names', () => {
    expect(isGenuineForeignTicket(signTicket(otherKeys, OTHER, TICKET), otherKeys.publicKey, OTHER)).toBe(
      true,
    );
    // Signed with our key, naming the other event: a forgery there.
    expect(isGenuineForeignTicket(signTicket(keys, OTHER, TICKET), otherKeys.publicKey, OTHER)).toBe(false);
  });
});

describe(judge.name, () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const online = { mode: 'online' as const, occurredAt: now, method: 'qr' as const };
  const offline = { mode: 'offline' as const, occurredAt: now, method: 'qr' as const };

  it('admits an approved registration with an active ticket', () => {
    expect(judge(online, facts()).verdict).toBe('admissible');
  });

  it('answers unknown tickets and registrations as invalid', () => {
    expect(judge(online, null)).toEqual({ verdict: 'invalid', reason: 'unknown-ticket' });
    expect(judge({ ...online, method: 'manual' }, null)).toEqual({
      verdict: 'invalid',
      reason: 'unknown-registration',
    });
  });

  it('judges revocation as of now online and as of the scan offline', () => {
    const revokedBefore = facts({ ticketRevokedAt: new Date(now.getTime() - 1000), status: 'cancelled' });
    const revokedAfter = facts({ ticketRevokedAt: new Date(now.getTime() + 1000), status: 'cancelled' });
    expect(judge(online, revokedAfter).verdict).toBe('revoked');
    expect(judge(offline, revokedBefore).verdict).toBe('revoked');
    expect(judge(offline, revokedAfter).verdict).toBe('admissible');
    // Revoked at the very moment of an offline scan: the ticket no longer counts.
    const revokedThen = facts({ ticketRevokedAt: new Date(now.getTime()), status: 'cancelled' });
    expect(judge(offline, revokedThen).verdict).toBe('revoked');
  });

  it('answers a registration that is not approved with not_approved', () => {
    expect(judge(online, facts({ status: 'pending' })).verdict).toBe('not_approved');
    expect(
      judge({ ...online, method: 'manual' }, facts({ ticketId: null, status: 'waitlisted' })).verdict,
    ).toBe('not_approved');
  });
});

describe(occurredAt.name, () => {
  const received = new Date('2026-11-26T10:00:00Z');
  it('uses the server time online and the device time (never later than receipt) offline', () => {
    const earlier = new Date('2026-11-26T09:00:00Z');
    const later = new Date('2026-11-26T11:00:00Z');
    expect(occurredAt('online', earlier, received)).toBe(received);
    expect(occurredAt('offline', earlier, received)).toBe(earlier);
    expect(occurredAt('offline', later, received)).toBe(received);
  });
});
