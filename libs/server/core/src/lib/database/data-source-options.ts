import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { clientWithReadTimeout } from './read-timeout-client';

/** An entity class. */
export type EntityClass = new () => object;
export type EntityList = EntityClass[];

export interface DatabaseTimeouts {
  /**
   * Longest wait for a connection, new (TCP + authentication) or pooled (all busy). Past it the query fails and the
   * request answers `503 core/unavailable`, instead of hanging while PostgreSQL is unreachable or overloaded.
   */
  connectTimeoutMs: number;
  /** PostgreSQL's `statement_timeout` for every connection of the pool; 0 turns it off. Migrations run without it. */
  statementTimeoutMs: number;
  /**
   * A query without an answer for this long means PostgreSQL is out of reach (a partition, a frozen host): the
   * connection is closed and the query fails as unreachable (`clientWithReadTimeout`). 0 turns it off.
   */
  readTimeoutMs: number;
}

/** The defaults of `DATABASE_CONNECT_TIMEOUT_MS` and `DATABASE_STATEMENT_TIMEOUT_MS`. */
export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectTimeoutMs: 1000,
  statementTimeoutMs: 15_000,
  readTimeoutMs: 16_000,
};

/** TypeORM options shared by the apps, the migration command and the tests. Migrations own the schema. */
export function dataSourceOptions(
  url: string,
  entities: EntityList,
  poolSize = 10,
  timeouts: DatabaseTimeouts = DEFAULT_DATABASE_TIMEOUTS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize,
    extra: {
      application_name: 'plenary',
      Client: clientWithReadTimeout(timeouts.readTimeoutMs),
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      // Sent as a startup parameter: applies to every statement on the connection. pg omits it when 0.
      statement_timeout: timeouts.statementTimeoutMs,
      // Notice a peer that vanished without closing the connection (a partition, a frozen host).
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
  };
}
