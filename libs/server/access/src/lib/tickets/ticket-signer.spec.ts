import { deriveEventKeyPair, publicKeyFromRaw, signTicket, verifyTicket } from './ticket-signer';

const SECRET = 'test-ticket-secret-0123456789abcdefghij';
const EVENT = '5e0c2021-0000-4000-8000-000000000001';
const OTHER_EVENT = '5e0c2021-0000-4000-8000-000000000002';
const TICKET = '0f1e2d3c-4b5a-4968-8776-655443322110';

describe('ticket signatures', () => {
  const keys = deriveEventKeyPair(SECRET, EVENT);
  const publicKey = publicKeyFromRaw(keys.publicKeyRaw);
  const payload = signTicket(keys, EVENT, TICKET);

  it('produces a compact payload that verifies with the raw public key', () => {
    expect(payload).toMatch(/^PL1\.[A-Za-z0-9_-]{128}$/);
    expect(verifyTicket(payload, publicKey, EVENT)).toEqual({
      valid: true,
      eventId: EVENT,
      ticketId: TICKET,
    });
  });

  it('derives a different key per event and per secret', () => {
    expect(deriveEventKeyPair(SECRET, OTHER_EVENT).publicKeyRaw).not.toBe(keys.publicKeyRaw);
    expect(deriveEventKeyPair(`${SECRET}x`, EVENT).publicKeyRaw).not.toBe(keys.publicKeyRaw);
    expect(deriveEventKeyPair(SECRET, EVENT).publicKeyRaw).toBe(keys.publicKeyRaw);
  });

  it('refuses a forged signature', () => {
    const forger = deriveEventKeyPair('another-secret-entirely-0123456789abc', EVENT);
    expect(verifyTicket(signTicket(forger, EVENT, TICKET), publicKey, EVENT)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a payload with one flipped bit', () => {
    const bytes = Buffer.from(payload.slice(4), 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 0x01;
    expect(verifyTicket(`PL1.${bytes.toString('base64url')}`, publicKey, EVENT)).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a ticket of another event, even when validly signed for it', () => {
    const otherKeys = deriveEventKeyPair(SECRET, OTHER_EVENT);
    expect(verifyTicket(signTicket(otherKeys, OTHER_EVENT, TICKET), publicKey, EVENT).valid).toBe(false);
    expect(verifyTicket(signTicket(keys, OTHER_EVENT, TICKET), publicKey, EVENT)).toEqual({
      valid: false,
      reason: 'other-event',
    });
  });

  it.each([
    ['truncated', payload.slice(0, 100), 'malformed'],
    ['without prefix', payload.slice(4), 'malformed'],
    ['oversized', `${payload}${'A'.repeat(300)}`, 'oversized'],
    ['empty', '', 'malformed'],
    ['not base64url', `PL1.${'*'.repeat(128)}`, 'malformed'],
  ])('refuses a %s payload', (_label, input, reason) => {
    expect(verifyTicket(input, publicKey, EVENT)).toEqual({ valid: false, reason });
  });
});
