import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, type AppConfig } from '@plenary/server-core';
import type { Logger } from 'pino';
import { AppModule, type LiveOptions } from './app.module';
import { LiveIoAdapter } from './live-io.adapter';

/** The live service: Nest on Fastify for /healthz, /readyz, /metrics, and socket.io on the same port. */
export async function createLiveApp(
  config: AppConfig,
  logger: Logger,
  options: LiveOptions = {},
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(config, logger, options), {
    logger,
    apiPrefix: false,
    publicUrl: config.PUBLIC_URL,
  });
  const adapter = new LiveIoAdapter(app, config, logger);
  await adapter.connectRedis();
  app.useWebSocketAdapter(adapter);
  return app;
}
