import { Injectable } from '@nestjs/common';
import type {
  Attendance,
  CheckinVerdict,
  InvalidReason,
  RegistrationStatus,
  Role,
  ScanMethod,
  ScanMode,
} from '@plenary/contracts';
import { DataSource } from 'typeorm';
import { DOMAIN_EVENTS_CHANNEL } from '@plenary/contracts';
import type { ScanFacts } from './verdict';

/** A scan ready to be written: judged, with its server-side times. */
export interface ScanRow {
  id: string;
  nonce: string;
  gate: string;
  mode: ScanMode;
  method: ScanMethod;
  verdict: CheckinVerdict;
  reason: InvalidReason | null;
  localVerdict: CheckinVerdict | null;
  ticketId: string | null;
  registrationId: string | null;
  personId: string | null;
  scannedAt: Date;
  occurredAt: Date;
  day: string;
}

/** A recorded scan as the verdict screen needs it. */
export interface StoredScan {
  id: string;
  nonce: string;
  verdict: CheckinVerdict;
  reason: InvalidReason | null;
  mode: ScanMode;
  method: ScanMethod;
  gate: string;
  scanned_at: Date;
  received_at: Date;
  occurred_at: Date;
  day: string;
  undone_at: Date | null;
  registration_id: string | null;
  name: string | null;
  organisation: string | null;
  attendance: Attendance | null;
  status: RegistrationStatus | null;
  roles: Role[] | null;
  first_id: string | null;
  first_at: Date | null;
  first_gate: string | null;
  first_device: string | null;
}

interface FactsRow {
  ticket_id: string | null;
  ticket_revoked_at: Date | null;
  registration_id: string;
  person_id: string;
  status: RegistrationStatus;
  attendance: Attendance;
  name: string;
  organisation: string;
  roles: Role[];
}

const FACTS_COLUMNS = `r.id AS registration_id, r.person_id, r.status, r.attendance, p.name, r.organisation,
  ARRAY(SELECT er.role::text FROM event_roles er
         WHERE er.event_id = r.event_id AND er.person_id = r.person_id ORDER BY er.role) AS roles`;

const INPUT = `unnest($4::uuid[], $5::uuid[], $6::text[], $7::checkin_mode[], $8::checkin_method[],
    $9::checkin_verdict[], $10::checkin_invalid_reason[], $11::checkin_verdict[], $12::uuid[], $13::uuid[],
    $14::uuid[], $15::timestamptz[], $16::timestamptz[], $17::date[])
  AS i(id, nonce, gate, mode, method, verdict, reason, local_verdict, ticket_id, registration_id, person_id,
       scanned_at, occurred_at, day)`;

const COLUMNS = `id, event_id, device_id, nonce, gate, mode, method, verdict, reason, local_verdict, ticket_id,
  registration_id, person_id, scanned_at, received_at, occurred_at, day, first_checkin_id`;

const DEADLOCK_DETECTED = '40P01';

const toFacts = (row: FactsRow): ScanFacts => ({
  ticketId: row.ticket_id,
  ticketRevokedAt: row.ticket_revoked_at,
  registrationId: row.registration_id,
  personId: row.person_id,
  status: row.status,
  attendance: row.attendance,
  name: row.name,
  organisation: row.organisation,
  roles: row.roles,
});

/** Queries of the scan path; set-based so a batch of 500 costs about as many round trips as one scan. */
@Injectable()
export class ScanRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Tickets of this event by id, with their registration and holder. */
  async ticketFacts(eventId: string, ticketIds: string[]): Promise<Map<string, ScanFacts>> {
    if (ticketIds.length === 0) return new Map();
    const rows = await this.dataSource.query<FactsRow[]>(
      `SELECT t.id AS ticket_id, t.revoked_at AS ticket_revoked_at, ${FACTS_COLUMNS}
         FROM tickets t JOIN registrations r ON r.id = t.registration_id JOIN people p ON p.id = r.person_id
        WHERE t.event_id = $1 AND t.id = ANY($2::uuid[])`,
      [eventId, ticketIds],
    );
    return new Map(rows.map((row) => [row.ticket_id ?? '', toFacts(row)]));
  }

  /** Registrations of this event by id (manual admissions). */
  async registrationFacts(eventId: string, registrationIds: string[]): Promise<Map<string, ScanFacts>> {
    if (registrationIds.length === 0) return new Map();
    const rows = await this.dataSource.query<FactsRow[]>(
      `SELECT NULL::uuid AS ticket_id, NULL::timestamptz AS ticket_revoked_at, ${FACTS_COLUMNS}
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND r.id = ANY($2::uuid[])`,
      [eventId, registrationIds],
    );
    return new Map(rows.map((row) => [row.registration_id, toFacts(row)]));
  }

  /** Which of these ids name existing events. */
  async existingEvents(eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM events WHERE id = ANY($1::uuid[])',
      [eventIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Inserts admissions; the unique indexes (nonce per device, one standing admission per registration and day)
   * silently drop rows that would break them. In the same statement, hence the same transaction, each admission
   * NOTIFYs `checkin.admitted`, delivered on commit. Rows go in registration order, so two concurrent batches wait
   * on each other in one order and cannot deadlock. Returns the ids inserted.
   */
  async insertAdmissions(
    eventId: string,
    deviceId: string,
    receivedAt: Date,
    rows: ScanRow[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await this.write<Array<{ id: string }>>(
      `WITH ins AS (
         INSERT INTO checkins (${COLUMNS})
         SELECT i.id, $1, $2, i.nonce, i.gate, i.mode, i.method, 'admitted', NULL, i.local_verdict, i.ticket_id,
                i.registration_id, i.person_id, i.scanned_at, $3, i.occurred_at, i.day, NULL
           FROM ${INPUT}
          ORDER BY i.registration_id, i.nonce
         ON CONFLICT DO NOTHING
         RETURNING id, person_id, day)
       SELECT ins.id,
              pg_notify('${DOMAIN_EVENTS_CHANNEL}', json_build_object('type', 'checkin.admitted', 'eventId', $1::uuid,
                        'personId', ins.person_id, 'day', ins.day)::text) AS notified
         FROM ins`,
      [eventId, deviceId, receivedAt, ...columnArrays(rows)],
    );
    return inserted.map((row) => row.id);
  }

  /**
   * Records admissible scans whose registration already has a standing admission that day as
   * `already_checked_in`, pointing at that admission. Rows without one (undone meanwhile) are left out.
   */
  async insertAlreadyCheckedIn(
    eventId: string,
    deviceId: string,
    receivedAt: Date,
    rows: ScanRow[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await this.write<Array<{ id: string }>>(
      `INSERT INTO checkins (${COLUMNS})
       SELECT i.id, $1, $2, i.nonce, i.gate, i.mode, i.method, 'already_checked_in', NULL, i.local_verdict,
              i.ticket_id, i.registration_id, i.person_id, i.scanned_at, $3, i.occurred_at, i.day, a.id
         FROM ${INPUT}
         JOIN checkins a ON a.registration_id = i.registration_id AND a.day = i.day
                        AND a.verdict = 'admitted' AND a.undone_at IS NULL
        ORDER BY i.nonce
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [eventId, deviceId, receivedAt, ...columnArrays(rows)],
    );
    return inserted.map((row) => row.id);
  }

  /** Records refused scans (invalid, revoked, not approved, wrong event) with their verdict. Returns the ids inserted. */
  async insertRefusals(
    eventId: string,
    deviceId: string,
    receivedAt: Date,
    rows: ScanRow[],
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await this.write<Array<{ id: string }>>(
      `INSERT INTO checkins (${COLUMNS})
       SELECT i.id, $1, $2, i.nonce, i.gate, i.mode, i.method, i.verdict, i.reason, i.local_verdict, i.ticket_id,
              i.registration_id, i.person_id, i.scanned_at, $3, i.occurred_at, i.day, NULL
         FROM ${INPUT}
        ORDER BY i.nonce
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [eventId, deviceId, receivedAt, ...columnArrays(rows)],
    );
    return inserted.map((row) => row.id);
  }

  /**
   * Runs one idempotent insert (`ON CONFLICT DO NOTHING`), again if PostgreSQL broke a deadlock by aborting it: two
   * uploads of one queue at once can meet a row each in opposite orders (one admitting, one recording duplicates).
   */
  private async write<T>(sql: string, params: unknown[]): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.query<T>(sql, params);
      } catch (error) {
        const code = (error as { driverError?: { code?: unknown } }).driverError?.code;
        if (code !== DEADLOCK_DETECTED || attempt >= 3) throw error;
      }
    }
  }

  /** The recorded scans of a device with these nonces, with their attendee and the admission they collided with. */
  async stored(deviceId: string, nonces: string[]): Promise<Map<string, StoredScan>> {
    const rows = await this.dataSource.query<StoredScan[]>(
      `SELECT c.id, c.nonce, c.verdict, c.reason, c.mode, c.method, c.gate, c.scanned_at, c.received_at,
              c.occurred_at, c.day::text AS day, c.undone_at, c.registration_id, p.name, r.organisation,
              r.attendance, r.status,
              CASE WHEN r.id IS NULL THEN NULL ELSE
                ARRAY(SELECT er.role::text FROM event_roles er
                       WHERE er.event_id = c.event_id AND er.person_id = r.person_id ORDER BY er.role) END AS roles,
              f.id AS first_id, f.occurred_at AS first_at, f.gate AS first_gate, fd.name AS first_device
         FROM checkins c
         LEFT JOIN registrations r ON r.id = c.registration_id
         LEFT JOIN people p ON p.id = r.person_id
         LEFT JOIN checkins f ON f.id = c.first_checkin_id
         LEFT JOIN checkin_devices fd ON fd.id = f.device_id
        WHERE c.device_id = $1 AND c.nonce = ANY($2::uuid[])`,
      [deviceId, nonces],
    );
    return new Map(rows.map((row) => [row.nonce, row]));
  }
}

/** Column arrays for `unnest`, in the order of `INPUT` ($4…$17). */
function columnArrays(rows: ScanRow[]): unknown[] {
  return [
    rows.map((row) => row.id),
    rows.map((row) => row.nonce),
    rows.map((row) => row.gate),
    rows.map((row) => row.mode),
    rows.map((row) => row.method),
    rows.map((row) => row.verdict),
    rows.map((row) => row.reason),
    rows.map((row) => row.localVerdict),
    rows.map((row) => row.ticketId),
    rows.map((row) => row.registrationId),
    rows.map((row) => row.personId),
    rows.map((row) => row.scannedAt.toISOString()),
    rows.map((row) => row.occurredAt.toISOString()),
    rows.map((row) => row.day),
  ];
}
