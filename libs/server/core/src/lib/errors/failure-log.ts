import type { OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { classifyInfrastructureFailure, type InfrastructureFailure } from './infrastructure-failure';

/** Length of one logging window per failure kind. */
export const FAILURE_LOG_INTERVAL_MS = 10_000;

interface Window {
  failures: number;
  timer: NodeJS.Timeout;
}

/** What may be logged about a failure: its code and the driver's message (no SQL, no parameters, no stack). */
function reasonOf(error: unknown): { code?: string; message?: string } {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // The innermost driver error says most (`connect ECONNREFUSED 127.0.0.1:5432`, `too many clients already`).
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const next =
      (current as { driverError?: unknown }).driverError ??
      (current as { cause?: unknown }).cause ??
      (current instanceof AggregateError ? (current.errors as unknown[])[0] : undefined);
    if (next === undefined) break;
    current = next;
  }
  const source = typeof current === 'object' && current !== null ? current : error;
  const code = (source as { code?: unknown }).code;
  const message = (source as { message?: unknown }).message;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message: message.slice(0, 200) } : {}),
  };
}

/**
 * Logs failures without flooding: a dependency outage (PostgreSQL, Redis) is one warning line per kind per
 * interval — the first at once, then at most one per interval with the count of failures since — and anything
 * else is an error line with its stack, as before. One instance per process (a Nest provider of the core module).
 */
export class FailureLog implements OnApplicationShutdown {
  private readonly windows = new Map<InfrastructureFailure, Window>();

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'error'>,
    private readonly intervalMs: number = FAILURE_LOG_INTERVAL_MS,
  ) {}

  /**
   * Records `error` raised by `context` (e.g. `vote batch`): a dependency outage as a throttled warning, anything
   * else as an error with its stack. Returns the failure kind of an outage, null otherwise.
   */
  record(
    error: unknown,
    context: string,
    fields: Record<string, unknown> = {},
  ): InfrastructureFailure | null {
    const kind = this.recordOutage(error, context);
    if (!kind) this.logger.error({ ...fields, err: error, context }, `${context}: unexpected error`);
    return kind;
  }

  /**
   * Records `error` if it is a dependency outage (throttled warning) and returns its kind; returns null and logs
   * nothing otherwise, so the caller logs it its own way.
   */
  recordOutage(error: unknown, context: string): InfrastructureFailure | null {
    const kind = classifyInfrastructureFailure(error);
    if (!kind) return null;
    const window = this.windows.get(kind);
    if (window) {
      window.failures += 1;
      return kind;
    }
    this.logger.warn(
      { kind, context, reason: reasonOf(error) },
      `dependency unavailable (${kind}); answering core/unavailable`,
    );
    this.open(kind);
    return kind;
  }

  private open(kind: InfrastructureFailure): void {
    const timer = setTimeout(() => this.close(kind), this.intervalMs);
    timer.unref();
    this.windows.set(kind, { failures: 0, timer });
  }

  /** End of a window: report what it counted and keep counting, or fall silent until the next failure. */
  private close(kind: InfrastructureFailure): void {
    const window = this.windows.get(kind);
    this.windows.delete(kind);
    if (!window || window.failures === 0) return;
    this.logger.warn(
      { kind, failures: window.failures, seconds: Math.round(this.intervalMs / 1000) },
      `dependency still unavailable (${kind}): ${window.failures} more failures in ${Math.round(this.intervalMs / 1000)} s`,
    );
    this.open(kind);
  }

  onApplicationShutdown(): void {
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }
}
