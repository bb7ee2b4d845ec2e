import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import type { AppConfig } from '../config/config.schema';

/**
 * Paths never written to logs. Request logs carry method, route, status and request id only (no IP, no query
 * string, no headers), so nothing personal reaches them; this list is the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'headers.authorization',
  '*.email',
  '*.password',
  '*.token',
  'email',
  'token',
];

/**
 * Creates the process logger: JSON lines on stdout, a `service` field and the given base fields (a cluster worker's
 * `worker` index, the primary's `role`).
 */
export function createLogger(
  config: Pick<AppConfig, 'LOG_LEVEL'>,
  service: string,
  fields: Record<string, string | number> = {},
): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service, ...fields },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** Routes Nest's own log calls into pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
