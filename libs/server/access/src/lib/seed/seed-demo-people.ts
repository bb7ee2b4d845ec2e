import type { Role } from '@plenary/contracts';
import { lockSeeding } from '@plenary/server-core';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import type { DataSource } from 'typeorm';
import { EventRoleEntity, EventSettingsEntity, PersonEntity } from '../entities';
import { grantPlatformAdmin } from '../identity/platform-admins';

/** The demo's instance administrator (creates events, appoints organisers). */
export const DEMO_ADMIN_EMAIL = 'admin@plenary.test';

/** Demo accounts of the reference event (development only): sign in with them through the dev mailbox. */
export const DEMO_PEOPLE: Array<{ id: string; email: string; name: string; roles: Role[] }> = [
  {
    id: '5e0c2021-0000-4000-8000-000000000901',
    email: 'organiser@plenary.test',
    name: 'Demo Organiser',
    roles: ['organiser', 'staff'],
  },
  {
    id: '5e0c2021-0000-4000-8000-000000000902',
    email: 'moderator@plenary.test',
    name: 'Demo Moderator',
    roles: ['moderator'],
  },
  {
    id: '5e0c2021-0000-4000-8000-000000000903',
    email: 'staff@plenary.test',
    name: 'Demo Door Staff',
    roles: ['staff'],
  },
  {
    id: '5e0c2021-0000-4000-8000-000000000905',
    email: 'speaker@plenary.test',
    name: 'Demo Speaker',
    roles: ['speaker'],
  },
  {
    id: '5e0c2021-0000-4000-8000-000000000904',
    email: DEMO_ADMIN_EMAIL,
    name: 'Demo Administrator',
    roles: [],
  },
];

/**
 * Inserts the demo accounts, their roles (and the demo administrator's platform role) and the demo event's
 * registration settings when missing; idempotent.
 * The reference event took place in 2021, so it keeps personal data for ten years: otherwise the retention purge
 * would empty the demo at every start. Concurrent seeders take turns on an advisory lock.
 */
export async function seedDemoPeople(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await lockSeeding(manager);
    await manager
      .createQueryBuilder()
      .insert()
      .into(PersonEntity)
      .values(DEMO_PEOPLE.map(({ id, email, name }) => ({ id, email, name })))
      .orIgnore()
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(EventRoleEntity)
      .values(
        DEMO_PEOPLE.flatMap((person) =>
          person.roles.map((role) => ({
            eventId: REFERENCE_EVENT.id,
            personId: person.id,
            role,
            grantedBy: null,
          })),
        ),
      )
      .orIgnore()
      .execute();
    await grantPlatformAdmin(manager, DEMO_ADMIN_EMAIL, null);
    await manager
      .createQueryBuilder()
      .insert()
      .into(EventSettingsEntity)
      .values({
        eventId: REFERENCE_EVENT.id,
        approvalMode: 'manual',
        inPersonCapacity: 250,
        retentionDays: 3650,
      })
      .orIgnore()
      .execute();
  });
}
