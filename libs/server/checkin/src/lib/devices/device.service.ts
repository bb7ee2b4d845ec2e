import { Injectable } from '@nestjs/common';
import type { CheckinDevice, CheckinDeviceList } from '@plenary/contracts';
import { AuditService, RoleService, type Principal } from '@plenary/server-access';
import { publishDomainEvent, RateLimitService } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CheckinException } from '../checkin.exception';
import { CheckinDeviceEntity } from '../entities';

const TOUCH_INTERVAL_MS = 60_000;
/** Registrations of devices per staff member (a phone per door, spares, a few re-installs). */
const REGISTER_LIMIT = { points: 30, seconds: 3600 };

interface DeviceRow {
  id: string;
  name: string;
  owner_name: string | null;
  created_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
  scans: number;
}

const toDevice = (row: DeviceRow): CheckinDevice => ({
  id: row.id,
  name: row.name,
  ownerName: row.owner_name,
  createdAt: row.created_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
  revokedAt: row.revoked_at?.toISOString() ?? null,
  scans: Number(row.scans),
});

/**
 * Scanning devices. A device belongs to the staff member who registered it, at one event; only they can scan with
 * it. Revoking it (a lost phone) refuses it from then on and ends the sign-in session that registered it.
 */
@Injectable()
export class DeviceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RoleService,
    private readonly audit: AuditService,
    private readonly rateLimits: RateLimitService,
  ) {}

  async register(event: EventEntity, principal: Principal, name: string): Promise<CheckinDevice> {
    await this.rateLimits.consume('checkin-device-register', REGISTER_LIMIT, principal.personId);
    const now = new Date();
    const device: CheckinDeviceEntity = {
      id: randomUUID(),
      eventId: event.id,
      personId: principal.personId,
      sessionId: principal.sessionId,
      name,
      createdAt: now,
      lastSeenAt: now,
      revokedAt: null,
      revokedBy: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(CheckinDeviceEntity, device);
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: principal.personId,
        action: 'checkin.device.register',
        targetId: device.id,
        details: { name },
      });
    });
    return {
      id: device.id,
      name,
      ownerName: principal.name,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      revokedAt: null,
      scans: 0,
    };
  }

  /** Organisers see every device of the event; staff see their own. */
  async list(event: EventEntity, principal: Principal): Promise<CheckinDeviceList> {
    const held = await this.roles.rolesOf(principal.personId, event.id);
    const all = held.includes('organiser');
    const rows = await this.dataSource.query<DeviceRow[]>(
      `SELECT d.id, d.name, p.name AS owner_name, d.created_at, d.last_seen_at, d.revoked_at,
              (SELECT count(*) FROM checkins c WHERE c.device_id = d.id)::int AS scans
         FROM checkin_devices d LEFT JOIN people p ON p.id = d.person_id
        WHERE d.event_id = $1 AND ($2::boolean OR d.person_id = $3)
        ORDER BY d.created_at`,
      [event.id, all, principal.personId],
    );
    return { devices: rows.map(toDevice) };
  }

  /** Revokes a device (idempotent) and ends the session that registered it. */
  async revoke(event: EventEntity, principal: Principal, deviceId: string): Promise<CheckinDevice> {
    await this.dataSource.transaction(async (manager) => {
      const device = await manager
        .getRepository(CheckinDeviceEntity)
        .findOne({ where: { id: deviceId, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
      if (!device) throw CheckinException.deviceNotFound();
      if (device.revokedAt) return;
      await manager.update(
        CheckinDeviceEntity,
        { id: device.id },
        { revokedAt: new Date(), revokedBy: principal.personId },
      );
      const [, ended] = device.sessionId
        ? await manager.query<[unknown[], number]>(
            'UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
            [device.sessionId],
          )
        : [[], 0];
      if (ended > 0 && device.sessionId) {
        await publishDomainEvent(manager, {
          type: 'access.sessions-revoked',
          personId: device.personId,
          sessionId: device.sessionId,
        });
      }
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: principal.personId,
        action: 'checkin.device.revoke',
        targetId: device.id,
        details: { sessionEnded: ended > 0 },
      });
    });
    const rows = await this.dataSource.query<DeviceRow[]>(
      `SELECT d.id, d.name, p.name AS owner_name, d.created_at, d.last_seen_at, d.revoked_at,
              (SELECT count(*) FROM checkins c WHERE c.device_id = d.id)::int AS scans
         FROM checkin_devices d LEFT JOIN people p ON p.id = d.person_id WHERE d.id = $1`,
      [deviceId],
    );
    const row = rows[0];
    if (!row) throw CheckinException.deviceNotFound();
    return toDevice(row);
  }

  /**
   * The device a request names, if the caller may scan with it: registered by them for this event and not
   * revoked. Someone else's device answers as unknown, so device ids reveal nothing.
   */
  async requireUsable(
    event: EventEntity,
    principal: Principal,
    deviceId: string,
  ): Promise<CheckinDeviceEntity> {
    const device = await this.dataSource
      .getRepository(CheckinDeviceEntity)
      .findOneBy({ id: deviceId, eventId: event.id, personId: principal.personId });
    if (!device) throw CheckinException.deviceNotFound();
    if (device.revokedAt) throw CheckinException.deviceRevoked();
    if (Date.now() - device.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.dataSource.query('UPDATE checkin_devices SET last_seen_at = now() WHERE id = $1', [
        device.id,
      ]);
    }
    return device;
  }
}
