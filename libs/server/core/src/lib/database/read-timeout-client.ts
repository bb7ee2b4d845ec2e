import type { Socket } from 'node:net';
import pg from 'pg';

/**
 * A `pg.Client` that closes its connection when a query gets no answer within `readTimeoutMs`. A PostgreSQL cut off
 * by a partition or a frozen host never closes the connection and never answers: without this, the query — and every
 * request waiting on it — would hang until TCP gives up (many minutes), since `statement_timeout` is enforced by the
 * server that cannot be reached. Closing the socket fails the query (and those queued behind it) with
 * `Connection terminated`, which the error mapping answers as `503 core/unavailable`, and the pool drops the client.
 * Given to the pool as its `Client` (TypeORM passes `extra` through to pg's Pool).
 */
export function clientWithReadTimeout(readTimeoutMs: number): typeof pg.Client {
  return class ReadTimeoutClient extends pg.Client {
    override query(...args: unknown[]): never {
      const result = (super.query as (...rest: unknown[]) => unknown).apply(this, args);
      if (readTimeoutMs > 0 && result instanceof Promise) {
        const timer = setTimeout(() => {
          (this as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
        }, readTimeoutMs);
        timer.unref();
        result.then(
          () => clearTimeout(timer),
          () => clearTimeout(timer),
        );
      }
      return result as never;
    }
  };
}
