import { Injectable } from '@nestjs/common';
import type { Role } from '@plenary/contracts';
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

  /** Grants a role (no-op when held). */
  async grant(
    manager: EntityManager,
    eventId: string,
    personId: string,
    role: Role,
    grantedBy: string | null,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EventRoleEntity)
      .values({ eventId, personId, role, grantedBy })
      .orIgnore()
      .execute();
  }
}
