import 'reflect-metadata';
import { createHttpApp, createLogger, loadConfigOrExit, runMigrations } from '@plenary/server-core';
import { seedDemoPeople } from '@plenary/server-access';
import { seedReferenceEvent } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { AppModule } from './app/app.module';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'api');
  const command = process.argv[2] ?? 'serve';
  if (!['serve', 'migrate', 'seed'].includes(command)) {
    process.stderr.write(`Unknown command "${command}". Use: serve | migrate | seed\n`);
    process.exit(64);
  }
  const app = await createHttpApp(AppModule.register(config, logger), {
    logger,
    apiPrefix: true,
    trustProxy: config.TRUST_PROXY,
  });
  const dataSource = app.get(DataSource);
  const applied = await runMigrations(dataSource);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
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

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
