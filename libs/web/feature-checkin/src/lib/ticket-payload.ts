import { TICKET_PAYLOAD_MAX, TICKET_PREFIX } from '@plenary/contracts';
import type { InvalidReason } from '@plenary/contracts';

/** What a scanned text says once checked against the event's public key (ADR 0008). */
export type VerifiedPayload =
  | { ok: true; eventId: string; ticketId: string }
  | {
      ok: false;
      reason: Extract<InvalidReason, 'oversized' | 'malformed' | 'bad-signature'>;
      eventId: string | null;
    };

const PAYLOAD_PATTERN = new RegExp(`^${TICKET_PREFIX.replace('.', '\\.')}[A-Za-z0-9_-]{128}$`);

/** base64url (no padding) to bytes. */
export function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** 16 bytes as a UUID string (lower-case, dashed), as the API writes ids. */
export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Imports the event's raw Ed25519 public key (base64url) for WebCrypto verification. */
export function importTicketKey(publicKey: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', fromBase64Url(publicKey), { name: 'Ed25519' }, false, ['verify']);
}

/**
 * Verifies a scanned `PL1.` payload offline, in the server's order: length before anything is decoded, then the
 * format, then the signature over event id ‖ ticket id. The event id of a payload whose signature fails is
 * returned untrusted, so the caller can tell "probably another event's ticket" from a forgery.
 */
export async function verifyTicketPayload(payload: string, key: CryptoKey): Promise<VerifiedPayload> {
  if (payload.length > TICKET_PAYLOAD_MAX) return { ok: false, reason: 'oversized', eventId: null };
  if (!PAYLOAD_PATTERN.test(payload)) return { ok: false, reason: 'malformed', eventId: null };
  const bytes = fromBase64Url(payload.slice(TICKET_PREFIX.length));
  if (bytes.length !== 96) return { ok: false, reason: 'malformed', eventId: null };
  const message = bytes.slice(0, 32);
  const signature = bytes.slice(32);
  const eventId = bytesToUuid(message.slice(0, 16));
  let valid = false;
  try {
    valid = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad-signature', eventId };
  return { ok: true, eventId, ticketId: bytesToUuid(message.slice(16, 32)) };
}
