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
}
