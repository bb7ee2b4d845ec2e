import { randomUUID } from 'node:crypto';
import type { SqlRunner } from '@plenary/server-core';
import type { DataSource } from 'typeorm';

/** One instance administrator as `list` gives them. */
export interface PlatformAdmin {
  personId: string;
  email: string;
  name: string;
  grantedAt: Date;
}

/** Addresses are stored lower-cased (like `emailSchema`); the name of a new person is the part before the @. */
const normalise = (email: string): string => email.trim().toLowerCase();

/**
 * Makes the person with `email` an instance administrator, creating the person when the address is new.
 * Idempotent (granting twice changes nothing) and safe when several processes do it at once. Returns the person id
 * and whether the role is new. Plain SQL, so the api, its start-up (`ADMIN_EMAILS`) and the `admin` command share it.
 */
export async function grantPlatformAdmin(
  runner: SqlRunner,
  email: string,
  grantedBy: string | null,
): Promise<{ personId: string; granted: boolean }> {
  const address = normalise(email);
  await runner.query(
    `INSERT INTO people (id, email, name) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING`,
    [randomUUID(), address, address.split('@')[0] ?? address],
  );
  const [person] = (await runner.query('SELECT id FROM people WHERE email = $1', [address])) as Array<{
    id: string;
  }>;
  if (!person) throw new Error('the person just inserted is missing');
  const inserted = (await runner.query(
    `INSERT INTO platform_admins (person_id, granted_by) VALUES ($1, $2)
     ON CONFLICT (person_id) DO NOTHING RETURNING person_id`,
    [person.id, grantedBy],
  )) as unknown[];
  return { personId: person.id, granted: inserted.length > 0 };
}

/** Ends the role of the person with `email`; false when they did not hold it. The person stays. */
export async function revokePlatformAdmin(runner: SqlRunner, email: string): Promise<boolean> {
  const result = (await runner.query(
    `DELETE FROM platform_admins a USING people p WHERE p.id = a.person_id AND p.email = $1 RETURNING a.person_id`,
    [normalise(email)],
  )) as [unknown[], number] | unknown[];
  // TypeORM answers DELETE … RETURNING with [rows, count]; node-postgres with the rows.
  const rows = Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
  return rows.length > 0;
}

export async function listPlatformAdmins(runner: SqlRunner): Promise<PlatformAdmin[]> {
  const rows = (await runner.query(
    `SELECT a.person_id, p.email, p.name, a.granted_at FROM platform_admins a JOIN people p ON p.id = a.person_id
      ORDER BY p.email`,
  )) as Array<{ person_id: string; email: string; name: string; granted_at: Date }>;
  return rows.map((row) => ({
    personId: row.person_id,
    email: row.email,
    name: row.name,
    grantedAt: new Date(row.granted_at),
  }));
}

export async function isPlatformAdmin(runner: SqlRunner, personId: string): Promise<boolean> {
  const rows = (await runner.query('SELECT 1 FROM platform_admins WHERE person_id = $1', [
    personId,
  ])) as unknown[];
  return rows.length > 0;
}

/**
 * `ADMIN_EMAILS` at api start: grants each address in one transaction; idempotent, so every worker and replica may
 * run it. Only grants (revoking is `npm run admin -- revoke`). Returns how many were new.
 */
export async function grantConfiguredAdmins(dataSource: DataSource, emails: string[]): Promise<number> {
  if (emails.length === 0) return 0;
  return dataSource.transaction(async (manager) => {
    let granted = 0;
    for (const email of emails) if ((await grantPlatformAdmin(manager, email, null)).granted) granted += 1;
    return granted;
  });
}
