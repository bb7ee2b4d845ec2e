import { Injectable } from '@nestjs/common';
import type { Role } from '@plenary/contracts';
import { publishDomainEvent } from '@plenary/server-core';
import { DataSource, type EntityManager } from 'typeorm';
import { EventRoleEntity } from '../entities';

@Injectable()
export class RoleService {
  constructor(private readonly dataSource: DataSource) {}

  async rolesOf(personId: string, eventId: string): Promise<Role[]> {
    const rows = await this.dataSource
      .getRepository(EventRoleEntity)
      .find({ where: { personId, eventId }, order: { role: 'ASC' } });
    return rows.map((row) => row.role);
  }

  /** Grants a role (no-op when held); a new role is announced (`access.roles-changed`) when the transaction commits. */
  async grant(
    manager: EntityManager,
    eventId: string,
    personId: string,
    role: Role,
    grantedBy: string | null,
  ): Promise<void> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO event_roles (event_id, person_id, role, granted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING role`,
      [eventId, personId, role, grantedBy],
    );
    if (inserted.length > 0)
      await publishDomainEvent(manager, { type: 'access.roles-changed', eventId, personId });
  }

  /**
   * Takes a role away; false when it was not held. Announced like a grant (`access.roles-changed`), so caches and
   * open sockets re-check what the person may do.
   */
  async revoke(manager: EntityManager, eventId: string, personId: string, role: Role): Promise<boolean> {
    const [removed] = await manager.query<[unknown[], number]>(
      'DELETE FROM event_roles WHERE event_id = $1 AND person_id = $2 AND role = $3 RETURNING role',
      [eventId, personId, role],
    );
    if (removed.length === 0) return false;
    await publishDomainEvent(manager, { type: 'access.roles-changed', eventId, personId });
    return true;
  }

  /** People holding `role` for the event, with when they got it. */
  async holders(
    eventId: string,
    role: Role,
  ): Promise<Array<{ personId: string; name: string; email: string; grantedAt: Date }>> {
    const rows = await this.dataSource.query<
      Array<{ person_id: string; name: string; email: string; created_at: Date }>
    >(
      `SELECT r.person_id, p.name, p.email, r.created_at FROM event_roles r JOIN people p ON p.id = r.person_id
        WHERE r.event_id = $1 AND r.role = $2 ORDER BY p.name, p.email`,
      [eventId, role],
    );
    return rows.map((row) => ({
      personId: row.person_id,
      name: row.name,
      email: row.email,
      grantedAt: new Date(row.created_at),
    }));
  }

  /** Ids of the events where the person holds `role`. */
  async eventsWhere(personId: string, role: Role): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ event_id: string }>>(
      'SELECT event_id FROM event_roles WHERE person_id = $1 AND role = $2',
      [personId, role],
    );
    return rows.map((row) => row.event_id);
  }
}
