import 'reflect-metadata';
import { createHttpApp, runMigrations, type AppConfig } from '@plenary/server-core';
import { grantConfiguredAdmins, seedDemoPeople } from '@plenary/server-access';
import { seedReferenceEvent } from '@plenary/server-programme';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app/app.module';

export type ApiCommand = 'serve' | 'migrate' | 'seed';

/**
 * One api process: migrates (under an advisory lock), seeds when asked, then serves, or exits after `migrate`/`seed`.
 * Under API_WORKERS > 1 every cluster worker runs this; the primary forks worker 1 alone until it listens.
 */
export async function runApi(config: AppConfig, logger: Logger, command: ApiCommand): Promise<void> {
  const app = await createHttpApp(AppModule.register(config, logger), {
    logger,
    apiPrefix: true,
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
  });
  const dataSource = app.get(DataSource);
  const applied = await runMigrations(dataSource);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (config.ADMIN_EMAILS.length > 0) {
    const granted = await grantConfiguredAdmins(dataSource, config.ADMIN_EMAILS);
    logger.info(
      { configured: config.ADMIN_EMAILS.length, granted },
      'instance administrators from ADMIN_EMAILS',
    );
  }
  if (command === 'seed' || (command === 'serve' && config.SEED_DEMO)) {
    const seeded = await seedReferenceEvent(dataSource);
    await seedDemoPeople(dataSource);
    logger.info(seeded, 'demo event seeded');
  }
  if (command !== 'serve') {
    await app.close();
    return;
  }
  await app.listen({ port: config.API_PORT, host: config.HOST });
  logger.info({ port: config.API_PORT }, 'api listening');
}
