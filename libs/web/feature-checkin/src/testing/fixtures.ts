import type { CheckinResult, CheckinSnapshot, SnapshotRegistration } from '@plenary/contracts';

export const EVENT_ID = '0e000000-0000-4000-8000-000000000001';
export const OTHER_EVENT_ID = '0e000000-0000-4000-8000-000000000002';
export const DEVICE_ID = 'de000000-0000-4000-8000-000000000001';
export const ADA_TICKET = '7c000000-0000-4000-8000-0000000000a1';
export const ADA_OLD_TICKET = '7c000000-0000-4000-8000-0000000000a0';
export const GRACE_TICKET = '7c000000-0000-4000-8000-0000000000b1';
export const PENDING_TICKET = '7c000000-0000-4000-8000-0000000000c1';

export function registration(
  overrides: Partial<SnapshotRegistration> & { registrationId: string },
): SnapshotRegistration {
  return {
    name: 'Someone',
    organisation: 'Somewhere',
    attendance: 'in_person',
    status: 'approved',
    roles: ['attendee'],
    ticketIds: [],
    admissions: [],
    ...overrides,
  };
}

export const ADA = registration({
  registrationId: 'a0000000-0000-4000-8000-00000000000a',
  name: 'Ada Lovelace',
  organisation: 'Analytical Engines',
  ticketIds: [ADA_TICKET],
});
export const GRACE = registration({
  registrationId: 'a0000000-0000-4000-8000-00000000000b',
  name: 'Grace Hopper',
  organisation: 'Naval Research',
  roles: ['attendee', 'speaker'],
  ticketIds: [GRACE_TICKET],
});
export const PENDING = registration({
  registrationId: 'a0000000-0000-4000-8000-00000000000c',
  name: 'Pat Pending',
  status: 'pending',
  ticketIds: [PENDING_TICKET],
});

export function snapshot(publicKey: string, overrides: Partial<CheckinSnapshot> = {}): CheckinSnapshot {
  return {
    eventId: EVENT_ID,
    eventSlug: 'vmc2021',
    timeZone: 'Europe/Vienna',
    full: true,
    cursor: 'v1.100',
    generatedAt: '2026-11-26T08:00:00.000+00:00',
    ticketKey: { eventSlug: 'vmc2021', algorithm: 'Ed25519', publicKey },
    registrations: [ADA, GRACE, PENDING],
    removedRegistrationIds: [],
    revokedTickets: [
      {
        ticketId: ADA_OLD_TICKET,
        registrationId: ADA.registrationId,
        revokedAt: '2026-11-20T10:00:00.000+00:00',
      },
    ],
    ...overrides,
  };
}

/** A server answer for a scan of `registration`. */
export function serverResult(
  nonce: string,
  overrides: Partial<CheckinResult> = {},
  person: SnapshotRegistration = ADA,
): CheckinResult {
  const { registrationId, name, organisation, attendance, status, roles } = person;
  return {
    checkinId: 'c0000000-0000-4000-8000-000000000001',
    nonce,
    verdict: 'admitted',
    reason: null,
    replayed: false,
    mode: 'online',
    method: 'qr',
    gate: 'B',
    scannedAt: '2026-11-26T09:12:00.000+01:00',
    receivedAt: '2026-11-26T09:12:00.100+01:00',
    occurredAt: '2026-11-26T09:12:00.100+01:00',
    day: '2026-11-26',
    attendee: { registrationId, name, organisation, attendance, status, roles },
    firstCheckin: null,
    undoableUntil: '2026-11-26T09:14:00.100+01:00',
    undoneAt: null,
    ...overrides,
  };
}
