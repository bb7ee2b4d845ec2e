import { Injectable } from '@nestjs/common';
import type {
  Attendance,
  CheckinCandidate,
  CheckinSearchResult,
  RegistrationStatus,
  Role,
} from '@plenary/contracts';
import type { Principal } from '@plenary/server-access';
import { RateLimitService } from '@plenary/server-core';
import { dayInTimeZone, type EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { DeviceService } from '../devices/device.service';

/** Per device: typing a name sends a search every few keystrokes. */
export const SEARCH_LIMIT = { points: 120, seconds: 60 };

interface CandidateRow {
  id: string;
  name: string;
  organisation: string;
  email: string;
  attendance: Attendance;
  status: RegistrationStatus;
  roles: Role[];
  has_ticket: boolean;
  checkin_id: string | null;
  checked_in_at: Date | null;
  checked_in_gate: string | null;
}

/** `%`, `_` and `\` match themselves. */
export function likePrefix(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** `jo…@example.org`: the first two characters of the local part and the domain. */
export function emailHint(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '…';
  return `${email.slice(0, Math.min(2, at))}…${email.slice(at)}`;
}

/** Staff search at the door: prefix of any word of a name, of an organisation or of an e-mail address. */
@Injectable()
export class SearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly devices: DeviceService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async search(
    event: EventEntity,
    principal: Principal,
    query: { deviceId: string; q: string; limit: number },
  ): Promise<CheckinSearchResult> {
    await this.devices.requireUsable(event, principal, query.deviceId);
    await this.rateLimits.consume('checkin-search', SEARCH_LIMIT, query.deviceId);
    const { q, limit } = query;
    const prefix = likePrefix(q);
    const today = dayInTimeZone(new Date(), event.timeZone);
    const rows = await this.dataSource.query<CandidateRow[]>(
      `SELECT r.id, p.name, r.organisation, p.email, r.attendance, r.status,
              ARRAY(SELECT er.role::text FROM event_roles er
                     WHERE er.event_id = r.event_id AND er.person_id = r.person_id ORDER BY er.role) AS roles,
              EXISTS (SELECT 1 FROM tickets t WHERE t.registration_id = r.id AND t.revoked_at IS NULL) AS has_ticket,
              a.id AS checkin_id, a.occurred_at AS checked_in_at, a.gate AS checked_in_gate
         FROM registrations r
         JOIN people p ON p.id = r.person_id
         LEFT JOIN checkins a ON a.registration_id = r.id AND a.day = $3::date
                             AND a.verdict = 'admitted' AND a.undone_at IS NULL
        WHERE r.event_id = $1
          AND (lower(p.name) LIKE $2 OR lower(p.name) LIKE '% ' || $2 OR lower(r.organisation) LIKE $2
               OR p.email LIKE $2)
        ORDER BY lower(p.name), r.id
        LIMIT $4`,
      [event.id, prefix, today, limit],
    );
    return {
      candidates: rows.map(
        (row): CheckinCandidate => ({
          registrationId: row.id,
          name: row.name,
          organisation: row.organisation,
          attendance: row.attendance,
          status: row.status,
          roles: row.roles,
          emailHint: emailHint(row.email),
          hasTicket: row.has_ticket,
          checkedIn:
            row.checkin_id && row.checked_in_at
              ? {
                  checkinId: row.checkin_id,
                  at: row.checked_in_at.toISOString(),
                  gate: row.checked_in_gate ?? '',
                }
              : null,
        }),
      ),
    };
  }
}
