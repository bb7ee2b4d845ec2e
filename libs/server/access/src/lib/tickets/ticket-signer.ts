import { TICKET_PAYLOAD_MAX, TICKET_PREFIX } from '@plenary/contracts';
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const bytesToUuid = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export interface EventKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key, base64url: what staff devices verify with, offline. */
  publicKeyRaw: string;
}

/**
 * Derives the Ed25519 key pair of an event from the platform's ticket secret (HKDF-SHA-256, info = event id).
 * No private key is stored anywhere; rotating `TICKET_SIGNING_SECRET` re-keys every event.
 */
export function deriveEventKeyPair(secret: string, eventId: string): EventKeyPair {
  const seed = Buffer.from(hkdfSync('sha256', secret, 'plenary-ticket-keys', `event:${eventId}`, 32));
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  return {
    privateKey,
    publicKey,
    publicKeyRaw: spki.subarray(SPKI_ED25519_PREFIX.length).toString('base64url'),
  };
}

export function publicKeyFromRaw(raw: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(raw, 'base64url')]),
    format: 'der',
    type: 'spki',
  });
}

/** `PL1.` + base64url(event id ‖ ticket id ‖ Ed25519 signature over the 32 id bytes): 132 characters. */
export function signTicket(
  keys: Pick<EventKeyPair, 'privateKey'>,
  eventId: string,
  ticketId: string,
): string {
  const message = Buffer.concat([uuidBytes(eventId), uuidBytes(ticketId)]);
  const signature = sign(null, message, keys.privateKey);
  return TICKET_PREFIX + Buffer.concat([message, signature]).toString('base64url');
}

export type TicketVerification =
  | { valid: true; eventId: string; ticketId: string }
  | { valid: false; reason: 'malformed' | 'oversized' | 'bad-signature' | 'other-event' };

/**
 * Verifies a scanned payload with the event's public key. Oversized input is refused before any parsing; the
 * signature is checked before the event id is trusted.
 */
export function verifyTicket(
  payload: string,
  publicKey: KeyObject,
  expectedEventId: string,
): TicketVerification {
  if (payload.length > TICKET_PAYLOAD_MAX) return { valid: false, reason: 'oversized' };
  if (!payload.startsWith(TICKET_PREFIX)) return { valid: false, reason: 'malformed' };
  const body = payload.slice(TICKET_PREFIX.length);
  if (!/^[A-Za-z0-9_-]{128}$/.test(body)) return { valid: false, reason: 'malformed' };
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length !== 96) return { valid: false, reason: 'malformed' };
  const message = bytes.subarray(0, 32);
  if (!verify(null, message, publicKey, bytes.subarray(32))) return { valid: false, reason: 'bad-signature' };
  const eventId = bytesToUuid(message.subarray(0, 16));
  if (eventId !== expectedEventId) return { valid: false, reason: 'other-event' };
  return { valid: true, eventId, ticketId: bytesToUuid(message.subarray(16, 32)) };
}
