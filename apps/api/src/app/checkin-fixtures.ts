import {
  checkinDeviceSchema,
  checkinResultSchema,
  type CheckinRequest,
  type CheckinResult,
  type CheckinScan,
} from '@plenary/contracts';
import { TicketService } from '@plenary/server-access';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-api';

export const CHECKINS = `/api/events/${REFERENCE_EVENT.slug}/checkins`;

export interface SeededAttendee {
  personId: string;
  registrationId: string;
  ticketId: string;
  payload: string;
  name: string;
}

let seeded = 0;

/**
 * Inserts a person with a registration and an active ticket straight into the database (hundreds of them are
 * needed; registration itself is covered by the access tests) and returns the signed QR payload.
 */
export async function seedAttendee(
  api: TestApi,
  options: {
    eventId?: string;
    status?: 'approved' | 'pending' | 'cancelled';
    attendance?: 'in_person' | 'remote';
    name?: string;
    organisation?: string;
    email?: string;
  } = {},
): Promise<SeededAttendee> {
  seeded += 1;
  const eventId = options.eventId ?? REFERENCE_EVENT.id;
  const person = {
    personId: randomUUID(),
    registrationId: randomUUID(),
    ticketId: randomUUID(),
    name: options.name ?? `Attendee ${seeded}`,
  };
  await api.dataSource.query('INSERT INTO people (id, email, name) VALUES ($1, $2, $3)', [
    person.personId,
    options.email ?? `attendee-${seeded}-${person.personId.slice(0, 8)}@example.org`,
    person.name,
  ]);
  await api.dataSource.query(
    `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                privacy_accepted_at)
     VALUES ($1, $2, $3, $4, 'Delegate', 'AT', $5, $6, now())`,
    [
      person.registrationId,
      eventId,
      person.personId,
      options.organisation ?? 'Example Ministry',
      options.attendance ?? 'in_person',
      options.status ?? 'approved',
    ],
  );
  await api.dataSource.query(
    `INSERT INTO tickets (id, event_id, registration_id, issued_at) VALUES ($1, $2, $3, now())`,
    [person.ticketId, eventId, person.registrationId],
  );
  const payload = api.app.get(TicketService).payload({ eventId, id: person.ticketId });
  return { ...person, payload };
}

/** Many approved attendees with tickets, in three statements. */
export async function seedAttendees(api: TestApi, count: number): Promise<SeededAttendee[]> {
  const tickets = api.app.get(TicketService);
  const rows = Array.from({ length: count }, () => {
    seeded += 1;
    return {
      personId: randomUUID(),
      registrationId: randomUUID(),
      ticketId: randomUUID(),
      name: `Attendee ${seeded}`,
      email: `bulk-${seeded}-${randomUUID().slice(0, 8)}@example.org`,
    };
  });
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await api.dataSource.query(
    'INSERT INTO people (id, email, name) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])',
    [column('personId'), column('email'), column('name')],
  );
  await api.dataSource.query(
    `INSERT INTO registrations (id, event_id, person_id, organisation, job_title, country, attendance, status,
                                privacy_accepted_at)
     SELECT r, $1, p, 'Example Ministry', 'Delegate', 'AT', 'in_person', 'approved', now()
       FROM unnest($2::uuid[], $3::uuid[]) AS u(r, p)`,
    [REFERENCE_EVENT.id, column('registrationId'), column('personId')],
  );
  await api.dataSource.query(
    `INSERT INTO tickets (id, event_id, registration_id, issued_at)
     SELECT t, $1, r, now() FROM unnest($2::uuid[], $3::uuid[]) AS u(t, r)`,
    [REFERENCE_EVENT.id, column('ticketId'), column('registrationId')],
  );
  return rows.map(({ email: _email, ...row }) => ({
    ...row,
    payload: tickets.payload({ eventId: REFERENCE_EVENT.id, id: row.ticketId }),
  }));
}

/** Registers a scanning device for the signed-in caller. */
export async function registerDevice(api: TestApi, cookie: string, name = 'Door phone'): Promise<string> {
  const response = await api.request({
    method: 'POST',
    url: `${CHECKINS}/devices`,
    cookie,
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`device registration answered ${response.statusCode}`);
  return checkinDeviceSchema.parse(response.json()).id;
}

export function scanBody(
  deviceId: string,
  target: { payload: string } | { registrationId: string },
  overrides: Partial<CheckinScan> = {},
): CheckinRequest {
  return {
    deviceId,
    nonce: randomUUID(),
    gate: 'A',
    scannedAt: new Date().toISOString(),
    mode: 'online',
    ...target,
    ...overrides,
  };
}

export function postScan(
  api: TestApi,
  cookie: string,
  body: CheckinRequest,
): Promise<LightMyRequestResponse> {
  return api.request({ method: 'POST', url: CHECKINS, cookie, payload: body });
}

/** Sends one scan and parses the verdict. */
export async function scan(api: TestApi, cookie: string, body: CheckinRequest): Promise<CheckinResult> {
  const response = await postScan(api, cookie, body);
  if (response.statusCode !== 200) throw new Error(`scan answered ${response.statusCode}: ${response.body}`);
  return checkinResultSchema.parse(response.json());
}
