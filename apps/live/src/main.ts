import 'reflect-metadata';
import { createHttpApp, createLogger, loadConfigOrExit } from '@plenary/server-core';
import { AppModule } from './app/app.module';
import { LiveIoAdapter } from './app/live-io.adapter';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, 'live');
  const app = await createHttpApp(AppModule.register(config, logger), { logger, apiPrefix: false });
  const adapter = new LiveIoAdapter(app, config, logger);
  await adapter.connectRedis();
  app.useWebSocketAdapter(adapter);
  await app.listen({ port: config.LIVE_PORT, host: config.HOST });
  logger.info({ port: config.LIVE_PORT, redis: Boolean(config.REDIS_URL) }, 'live listening');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`live failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
