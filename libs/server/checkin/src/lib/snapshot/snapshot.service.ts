import { Injectable } from '@nestjs/common';
import type {
  Attendance,
  CheckinSnapshot,
  RegistrationStatus,
  Role,
  SnapshotRegistration,
} from '@plenary/contracts';
import { TicketService, type Principal } from '@plenary/server-access';
import { RateLimitService } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { DeviceService } from '../devices/device.service';

/** Per device: a refresh every few seconds at most. */
export const SNAPSHOT_LIMIT = { points: 30, seconds: 60 };

/**
 * An incremental refresh returns what changed since a little before the cursor: a transaction that started before
 * the previous snapshot but committed after it carries timestamps older than that cursor. Re-sending rows is
 * harmless (devices upsert); missing one is not.
 */
export const SNAPSHOT_OVERLAP_MS = 60_000;

export const encodeCursor = (at: Date): string => `v1.${at.getTime()}`;
export const decodeCursor = (cursor: string): Date => new Date(Number(cursor.slice(3)));

interface RegistrationRow {
  id: string;
  name: string;
  organisation: string;
  attendance: Attendance;
  status: RegistrationStatus;
  roles: Role[];
  ticket_ids: string[];
  admissions: Array<{ day: string; at: string; gate: string }>;
}

/**
 * What an offline device needs to judge tickets on its own: every registration of the event with its active
 * tickets, roles and standing admissions, the revoked tickets, and the event's public key. Incremental refreshes
 * carry the registrations changed since the cursor and the ids of registrations deleted since (erasure, retention).
 */
@Injectable()
export class SnapshotService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly devices: DeviceService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async snapshot(
    event: EventEntity,
    principal: Principal,
    query: { deviceId: string; since?: string | undefined },
  ): Promise<CheckinSnapshot> {
    await this.devices.requireUsable(event, principal, query.deviceId);
    await this.rateLimits.consume('checkin-snapshot', SNAPSHOT_LIMIT, query.deviceId);
    const { since } = query;
    const after = since ? new Date(decodeCursor(since).getTime() - SNAPSHOT_OVERLAP_MS) : null;
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [clock] = await manager.query<Array<{ now: Date }>>('SELECT now() AS now');
      const now = clock?.now ?? new Date();
      const registrations = await manager.query<RegistrationRow[]>(
        `SELECT r.id, p.name, r.organisation, r.attendance, r.status,
                ARRAY(SELECT er.role::text FROM event_roles er
                       WHERE er.event_id = r.event_id AND er.person_id = r.person_id ORDER BY er.role) AS roles,
                ARRAY(SELECT t.id::text FROM tickets t
                       WHERE t.registration_id = r.id AND t.revoked_at IS NULL ORDER BY t.issued_at) AS ticket_ids,
                COALESCE((SELECT json_agg(json_build_object('day', c.day, 'at', c.occurred_at, 'gate', c.gate)
                                          ORDER BY c.day)
                            FROM checkins c
                           WHERE c.registration_id = r.id AND c.verdict = 'admitted' AND c.undone_at IS NULL),
                         '[]'::json) AS admissions
           FROM registrations r JOIN people p ON p.id = r.person_id
          WHERE r.event_id = $1
            AND ($2::timestamptz IS NULL OR r.updated_at > $2 OR p.updated_at > $2
                 OR EXISTS (SELECT 1 FROM tickets t
                             WHERE t.registration_id = r.id AND (t.issued_at > $2 OR t.revoked_at > $2))
                 OR EXISTS (SELECT 1 FROM event_roles er
                             WHERE er.event_id = r.event_id AND er.person_id = r.person_id AND er.created_at > $2)
                 OR EXISTS (SELECT 1 FROM checkins c
                             WHERE c.registration_id = r.id AND (c.received_at > $2 OR c.undone_at > $2)))
          ORDER BY r.id`,
        [event.id, after],
      );
      const revoked = await manager.query<
        Array<{ ticket_id: string; registration_id: string; revoked_at: Date }>
      >(
        `SELECT id AS ticket_id, registration_id, revoked_at FROM tickets
          WHERE event_id = $1 AND revoked_at IS NOT NULL AND ($2::timestamptz IS NULL OR revoked_at > $2)
          ORDER BY revoked_at, id`,
        [event.id, after],
      );
      const removed = after
        ? await manager.query<Array<{ registration_id: string }>>(
            `SELECT registration_id FROM checkin_removals WHERE event_id = $1 AND removed_at > $2
              ORDER BY registration_id`,
            [event.id, after],
          )
        : [];
      return {
        eventId: event.id,
        eventSlug: event.slug,
        timeZone: event.timeZone,
        full: after === null,
        cursor: encodeCursor(now),
        generatedAt: now.toISOString(),
        ticketKey: this.tickets.publicKey(event.id, event.slug),
        registrations: registrations.map(
          (row): SnapshotRegistration => ({
            registrationId: row.id,
            name: row.name,
            organisation: row.organisation,
            attendance: row.attendance,
            status: row.status,
            roles: row.roles,
            ticketIds: row.ticket_ids,
            admissions: row.admissions.map((admission) => ({
              day: admission.day,
              at: new Date(admission.at).toISOString(),
              gate: admission.gate,
            })),
          }),
        ),
        removedRegistrationIds: removed.map((row) => row.registration_id),
        revokedTickets: revoked.map((row) => ({
          ticketId: row.ticket_id,
          registrationId: row.registration_id,
          revokedAt: row.revoked_at.toISOString(),
        })),
      };
    });
  }
}
