import 'reflect-metadata';
import { createLogger, loadConfigOrExit } from '@plenary/server-core';
import { createLiveApp } from './app/create-live-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'live');
  const app = await createLiveApp(config, logger);
  await app.listen({ port: config.LIVE_PORT, host: config.HOST });
  logger.info({ port: config.LIVE_PORT, redis: Boolean(config.REDIS_URL) }, 'live listening');
  if (config.ENGAGEMENT_RATE_LIMIT_FACTOR !== 1) {
    logger.warn(
      { factor: config.ENGAGEMENT_RATE_LIMIT_FACTOR },
      'engagement rate limits raised by ENGAGEMENT_RATE_LIMIT_FACTOR (benchmarks only)',
    );
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `live failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
