import type {
  CheckinAttendee,
  CheckinVerdict,
  InvalidReason,
  SnapshotRegistration,
} from '@plenary/contracts';
import type { CheckinDb, QueuedScan, StoredRevokedTicket } from './checkin-db';
import { verifyTicketPayload } from './ticket-payload';
import type { VerifiedPayload } from './ticket-payload';

/** What the device decides without the server, in the shape the verdict screen shows. */
export interface LocalVerdict {
  verdict: CheckinVerdict;
  reason: InvalidReason | null;
  attendee: CheckinAttendee | null;
  /** The earlier admission a yellow verdict points at (from the snapshot or this device's own queue). */
  firstCheckin: { at: string; gate: string } | null;
  registrationId: string | null;
}

export interface OfflineFacts {
  /** The event the device serves (from the snapshot). */
  eventId: string;
  /** Today in the event's time zone (YYYY-MM-DD). */
  day: string;
  /** The scanned ticket, verified; null for a manual admission. */
  ticket: VerifiedPayload | null;
  /** The scanned ticket among the snapshot's revoked tickets. */
  revoked: StoredRevokedTicket | null;
  /** The registration holding the ticket (or the one admitted manually), if the snapshot knows it. */
  registration: SnapshotRegistration | null;
  /** This device's earliest queued admission of that registration today, not yet uploaded. */
  queuedAdmission: QueuedScan | null;
}

/** The day of `date` in `timeZone`, as the server counts admissions (YYYY-MM-DD). */
export function eventDay(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function attendeeOf(registration: SnapshotRegistration | null): CheckinAttendee | null {
  if (!registration) return null;
  const { registrationId, name, organisation, attendance, status, roles } = registration;
  return { registrationId, name, organisation, attendance, status, roles };
}

/**
 * The offline verdict (docs/checkin.md, "Deciding offline"), in the server's order: an unreadable or forged
 * payload is `invalid`, a genuine-looking one of another event `wrong_event`; a revoked ticket `revoked`; a ticket
 * or registration the snapshot does not know `invalid`; a registration not approved `not_approved`; someone
 * admitted earlier today — by the snapshot or this device's queue — `already_checked_in`; anyone else `admitted`.
 */
export function judgeOffline(facts: OfflineFacts): LocalVerdict {
  const { ticket, registration } = facts;
  const result = (
    verdict: CheckinVerdict,
    reason: InvalidReason | null = null,
    firstCheckin: LocalVerdict['firstCheckin'] = null,
  ): LocalVerdict => ({
    verdict,
    reason,
    attendee: attendeeOf(registration),
    firstCheckin,
    registrationId: registration?.registrationId ?? null,
  });

  if (ticket && !ticket.ok) {
    if (ticket.reason === 'bad-signature' && ticket.eventId !== null && ticket.eventId !== facts.eventId) {
      return result('wrong_event');
    }
    return result('invalid', ticket.reason);
  }
  if (ticket?.ok && ticket.eventId !== facts.eventId) return result('wrong_event');
  if (facts.revoked) return result('revoked');
  if (!registration) return result('invalid', ticket ? 'unknown-ticket' : 'unknown-registration');
  if (registration.status !== 'approved') return result('not_approved');
  const admitted = registration.admissions.find((admission) => admission.day === facts.day);
  if (admitted) return result('already_checked_in', null, { at: admitted.at, gate: admitted.gate });
  if (facts.queuedAdmission) {
    return result('already_checked_in', null, {
      at: facts.queuedAdmission.scan.scannedAt,
      gate: facts.queuedAdmission.scan.gate,
    });
  }
  return result('admitted');
}

export type OfflineTarget = { payload: string } | { registrationId: string };

/** Looks up what `judgeOffline` needs in the device's database and decides. */
export async function decideOffline(
  db: CheckinDb,
  target: OfflineTarget,
  context: { eventId: string; key: CryptoKey; day: string },
): Promise<LocalVerdict> {
  let ticket: VerifiedPayload | null = null;
  let revoked: StoredRevokedTicket | null = null;
  let registration: SnapshotRegistration | null = null;
  if ('payload' in target) {
    ticket = await verifyTicketPayload(target.payload, context.key);
    if (ticket.ok && ticket.eventId === context.eventId) {
      revoked = (await db.revokedTickets.get(ticket.ticketId)) ?? null;
      registration = revoked
        ? ((await db.registrations.get(revoked.registrationId)) ?? null)
        : ((await db.registrations.where('ticketIds').equals(ticket.ticketId).first()) ?? null);
    }
  } else {
    registration = (await db.registrations.get(target.registrationId)) ?? null;
  }
  const queuedAdmission = registration
    ? ((
        await db.queue
          .where('[registrationId+day]')
          .equals([registration.registrationId, context.day])
          .filter((queued) => queued.scan.localVerdict === 'admitted')
          .sortBy('queuedAt')
      )[0] ?? null)
    : null;
  return judgeOffline({
    eventId: context.eventId,
    day: context.day,
    ticket,
    revoked,
    registration,
    queuedAdmission,
  });
}
