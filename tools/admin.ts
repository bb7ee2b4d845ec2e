// `npm run admin -- grant <email> | revoke <email> | list`: instance administrators (create events, appoint their
// organisers, act on every event). Works on DATABASE_URL, or on the embedded database in PLENARY_DATA_DIR when
// DATABASE_URL is unset (stop `npm start` first then: the embedded PostgreSQL has one owner at a time). Applies
// pending migrations first, like the api does at start. ADMIN_EMAILS grants at every api start as well.
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { emailSchema } from '@plenary/contracts';
import { grantPlatformAdmin, listPlatformAdmins, revokePlatformAdmin } from '@plenary/server-access';
import {
  ConfigError,
  dataSourceOptions,
  loadConfig,
  runMigrations,
  startEmbeddedPostgres,
} from '@plenary/server-core';
import { ROOT } from './stack';

const USAGE = 'usage: npm run admin -- grant <email> | revoke <email> | list';

async function main(): Promise<void> {
  const [command, address] = process.argv.slice(2);
  if (command !== 'list' && command !== 'grant' && command !== 'revoke') throw new Error(USAGE);
  let email: string | null = null;
  if (command !== 'list') {
    const parsed = emailSchema.safeParse(address ?? '');
    if (!parsed.success) throw new Error(`${USAGE}\n"${address ?? ''}" is not an e-mail address`);
    email = parsed.data;
  }
  const config = loadConfig(process.env);
  const embedded = config.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(resolve(ROOT, config.PLENARY_DATA_DIR), 'postgres'),
        database: 'plenary',
        persistent: true,
      });
  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL ?? embedded?.url ?? '', [], 2));
  try {
    await dataSource.initialize();
    await runMigrations(dataSource);
    if (command === 'list') {
      const admins = await listPlatformAdmins(dataSource);
      if (admins.length === 0) process.stdout.write('No instance administrators.\n');
      for (const admin of admins)
        process.stdout.write(`${admin.email}\t${admin.name}\tsince ${admin.grantedAt.toISOString()}\n`);
    } else if (command === 'grant' && email) {
      const { granted } = await dataSource.transaction((manager) => grantPlatformAdmin(manager, email, null));
      process.stdout.write(
        granted ? `${email} is now an instance administrator.\n` : `${email} already was one.\n`,
      );
    } else if (email) {
      const revoked = await revokePlatformAdmin(dataSource, email);
      process.stdout.write(
        revoked ? `${email} is no longer an instance administrator.\n` : `${email} was not one.\n`,
      );
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
