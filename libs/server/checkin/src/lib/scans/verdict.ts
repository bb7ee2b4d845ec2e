import {
  TICKET_PREFIX,
  type Attendance,
  type CheckinVerdict,
  type InvalidReason,
  type RegistrationStatus,
  type Role,
  type ScanMode,
} from '@plenary/contracts';
import { verifyTicket } from '@plenary/server-access';
import type { KeyObject } from 'node:crypto';

/** What a scanned payload says before the database is asked. */
export type PayloadReading =
  | { kind: 'ticket'; ticketId: string }
  | { kind: 'invalid'; reason: InvalidReason }
  /** Well-formed, not signed with this event's key, naming another event: maybe a genuine ticket of that event. */
  | { kind: 'foreign'; eventId: string };

const bytesToUuid = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * Reads a scanned QR text with the event's public key. `verifyTicket` refuses oversized input before decoding and
 * checks the signature before the ids are trusted; a payload that fails the signature but names another event is
 * returned as `foreign` so the caller can tell a wrong-event ticket from a forgery.
 */
export function readPayload(payload: string, publicKey: KeyObject, eventId: string): PayloadReading {
  const verification = verifyTicket(payload, publicKey, eventId);
  if (verification.valid) return { kind: 'ticket', ticketId: verification.ticketId };
  switch (verification.reason) {
    case 'oversized':
      return { kind: 'invalid', reason: 'oversized' };
    case 'malformed':
      return { kind: 'invalid', reason: 'malformed' };
    case 'other-event':
      return { kind: 'invalid', reason: 'bad-signature' };
    case 'bad-signature': {
      const named = bytesToUuid(
        Buffer.from(payload.slice(TICKET_PREFIX.length), 'base64url').subarray(0, 16),
      );
      return named === eventId
        ? { kind: 'invalid', reason: 'bad-signature' }
        : { kind: 'foreign', eventId: named };
    }
  }
}

/** True when a foreign-looking payload verifies with the key of the event it names. */
export function isGenuineForeignTicket(payload: string, publicKey: KeyObject, namedEventId: string): boolean {
  return verifyTicket(payload, publicKey, namedEventId).valid;
}

/** The registration (and ticket, for QR scans) behind a scan, as loaded from the database. */
export interface ScanFacts {
  ticketId: string | null;
  ticketRevokedAt: Date | null;
  registrationId: string;
  personId: string;
  status: RegistrationStatus;
  attendance: Attendance;
  name: string;
  organisation: string;
  roles: Role[];
}

export type Judgement =
  | { verdict: Exclude<CheckinVerdict, 'admitted' | 'already_checked_in'>; reason: InvalidReason | null }
  /** Admissible: becomes `admitted`, or `already_checked_in` if the registration was admitted that day already. */
  | { verdict: 'admissible'; reason: null };

/**
 * The rules of the door, for one scan whose facts are known. Online scans are judged as of now; offline scans as of
 * when they happened: a ticket revoked after an offline scan was still valid then (the scan is recorded as an
 * admission), one revoked before it is `revoked` (and shows in the conflict report).
 */
export function judge(
  scan: { mode: ScanMode; occurredAt: Date; method: 'qr' | 'manual' },
  facts: ScanFacts | null,
): Judgement {
  if (!facts)
    return {
      verdict: 'invalid',
      reason: scan.method === 'qr' ? 'unknown-ticket' : 'unknown-registration',
    };
  const revokedAt = facts.ticketRevokedAt;
  if (revokedAt && (scan.mode === 'online' || revokedAt.getTime() <= scan.occurredAt.getTime()))
    return { verdict: 'revoked', reason: null };
  // A ticket still valid at the time of an offline scan stands even if the registration changed since.
  if (facts.status !== 'approved' && !revokedAt) return { verdict: 'not_approved', reason: null };
  return { verdict: 'admissible', reason: null };
}

/** When a scan counts as having happened: the server's receive time online, the device time (never later) offline. */
export function occurredAt(mode: ScanMode, scannedAt: Date, receivedAt: Date): Date {
  if (mode === 'online') return receivedAt;
  return scannedAt.getTime() < receivedAt.getTime() ? scannedAt : receivedAt;
}
