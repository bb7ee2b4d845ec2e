import { Injectable } from '@nestjs/common';
import type {
  CheckinConflict,
  CheckinVerdict,
  ConflictReport,
  ConflictScan,
  ScanMode,
} from '@plenary/contracts';
import type { EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';

interface ConflictRow {
  id: string;
  registration_id: string | null;
  ticket_id: string | null;
  day: string;
  device_id: string;
  device_name: string;
  gate: string;
  mode: ScanMode;
  verdict: CheckinVerdict;
  local_verdict: CheckinVerdict | null;
  scanned_at: Date;
  received_at: Date;
  name: string | null;
  organisation: string | null;
  revoked_at: Date | null;
}

/**
 * Scans the door let through that it should not have, found once offline queues are uploaded (pretix accepts the
 * same: offline devices cannot know what the others did).
 *
 * - An *entry* is a scan the device showed green: an admission, or an offline scan the server found already
 *   checked in while the device (not knowing) admitted it. A registration with entries from two devices on one
 *   day, at least one offline, is a `duplicate_entry`.
 * - An offline scan the device admitted of a ticket revoked before the scan time is `revoked_before_scan`.
 */
const ENTRY = `c.undone_at IS NULL AND c.registration_id IS NOT NULL
  AND (c.verdict = 'admitted'
       OR (c.mode = 'offline' AND c.verdict = 'already_checked_in' AND COALESCE(c.local_verdict, 'admitted') = 'admitted'))`;

const SCAN_COLUMNS = `c.id, c.registration_id, c.ticket_id, c.day::text AS day, c.device_id, d.name AS device_name,
  c.gate, c.mode, c.verdict, c.local_verdict, c.scanned_at, c.received_at, p.name, r.organisation`;

const toScan = (row: ConflictRow): ConflictScan => ({
  checkinId: row.id,
  deviceId: row.device_id,
  deviceName: row.device_name,
  gate: row.gate,
  mode: row.mode,
  verdict: row.verdict,
  localVerdict: row.local_verdict,
  scannedAt: row.scanned_at.toISOString(),
  receivedAt: row.received_at.toISOString(),
});

@Injectable()
export class ConflictReportService {
  constructor(private readonly dataSource: DataSource) {}

  async report(event: EventEntity): Promise<ConflictReport> {
    const [duplicates, revoked] = await Promise.all([
      this.dataSource.query<ConflictRow[]>(
        `WITH dup AS (
           SELECT c.registration_id, c.day FROM checkins c
            WHERE c.event_id = $1 AND ${ENTRY}
            GROUP BY c.registration_id, c.day
           HAVING count(DISTINCT c.device_id) >= 2 AND bool_or(c.mode = 'offline'))
         SELECT ${SCAN_COLUMNS}, NULL::timestamptz AS revoked_at
           FROM checkins c
           JOIN dup ON dup.registration_id = c.registration_id AND dup.day = c.day
           JOIN checkin_devices d ON d.id = c.device_id
           LEFT JOIN registrations r ON r.id = c.registration_id
           LEFT JOIN people p ON p.id = r.person_id
          WHERE c.event_id = $1 AND ${ENTRY}
          ORDER BY c.day, c.registration_id, c.occurred_at, c.id`,
        [event.id],
      ),
      this.dataSource.query<ConflictRow[]>(
        `SELECT ${SCAN_COLUMNS}, t.revoked_at
           FROM checkins c
           JOIN checkin_devices d ON d.id = c.device_id
           LEFT JOIN tickets t ON t.id = c.ticket_id
           LEFT JOIN registrations r ON r.id = c.registration_id
           LEFT JOIN people p ON p.id = r.person_id
          WHERE c.event_id = $1 AND c.mode = 'offline' AND c.verdict = 'revoked'
            AND COALESCE(c.local_verdict, 'admitted') = 'admitted'
          ORDER BY c.day, c.occurred_at, c.id`,
        [event.id],
      ),
    ]);

    const conflicts: CheckinConflict[] = [];
    const byEntry = new Map<string, CheckinConflict>();
    for (const row of duplicates) {
      const key = `${row.registration_id ?? ''}|${row.day}`;
      let conflict = byEntry.get(key);
      if (!conflict) {
        conflict = {
          kind: 'duplicate_entry',
          day: row.day,
          registrationId: row.registration_id,
          name: row.name,
          organisation: row.organisation,
          ticketId: null,
          revokedAt: null,
          scans: [],
        };
        byEntry.set(key, conflict);
        conflicts.push(conflict);
      }
      conflict.scans.push(toScan(row));
    }
    for (const row of revoked) {
      conflicts.push({
        kind: 'revoked_before_scan',
        day: row.day,
        registrationId: row.registration_id,
        name: row.name,
        organisation: row.organisation,
        ticketId: row.ticket_id,
        revokedAt: row.revoked_at?.toISOString() ?? null,
        scans: [toScan(row)],
      });
    }
    return { generatedAt: new Date().toISOString(), conflicts };
  }
}
