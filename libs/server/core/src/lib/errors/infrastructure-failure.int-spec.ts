// The failure mapping against real failures: errors raised by node-postgres and TypeORM talking to a real
// PostgreSQL (and the Redis client talking to nothing), each rendered by the one error mapping.
import { createTestDatabase, relayTcp, type TestDatabase } from '../../testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { findFreePort } from '../database/embedded-postgres';
import { createRedisClient } from '../redis/redis.provider';
import { classifyInfrastructureFailure, type InfrastructureFailure } from './infrastructure-failure';
import { toErrorResponse } from './to-error-response';

/** The error `run` rejects with. */
async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectUnavailable(error: unknown, kind: InfrastructureFailure): void {
  expect(classifyInfrastructureFailure(error)).toBe(kind);
  const response = toErrorResponse(error, 'r1');
  expect(response.status).toBe(503);
  expect(response.headers['retry-after']).toBe('3');
  expect(response.unexpected).toBe(false);
  expect(response.failure).toBe(kind);
  expect(response.body.error).toEqual({
    code: 'core/unavailable',
    message: expect.stringContaining('Try again') as unknown,
    requestId: 'r1',
  });
}

describe('dependency failures map to 503 core/unavailable', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];

  async function open(options: {
    url?: string;
    poolSize?: number;
    connectTimeoutMs?: number;
    statementTimeoutMs?: number;
    readTimeoutMs?: number;
  }): Promise<DataSource> {
    const dataSource = new DataSource(
      dataSourceOptions(options.url ?? database.url, [], options.poolSize ?? 2, {
        connectTimeoutMs: options.connectTimeoutMs ?? 1000,
        statementTimeoutMs: options.statementTimeoutMs ?? 15_000,
        readTimeoutMs: options.readTimeoutMs ?? 16_000,
      }),
    );
    dataSources.push(dataSource);
    await dataSource.initialize();
    return dataSource;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
    await database.drop();
  });

  it('PostgreSQL not listening (ECONNREFUSED) → postgres-unreachable', async () => {
    const port = await findFreePort();
    const error = await failureOf(() => open({ url: `postgres://postgres@127.0.0.1:${port}/x` }));
    expectUnavailable(error, 'postgres-unreachable');
  });

  it('a statement past statement_timeout (57014) → postgres-statement-timeout', async () => {
    const dataSource = await open({ statementTimeoutMs: 100 });
    const error = await failureOf(() => dataSource.query('SELECT pg_sleep(5)'));
    expect((error as { code?: string }).code).toBe('57014');
    expectUnavailable(error, 'postgres-statement-timeout');
    // A short statement on the same pool still works: the timeout is per statement.
    await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
  });

  it('a query with no answer (a partition: nothing closes, nothing answers) fails within the read timeout as postgres-unreachable, and the pool recovers', async () => {
    const pg = new URL(database.url);
    const relay = await relayTcp('127.0.0.1', { host: pg.hostname, port: Number(pg.port || 5432) });
    try {
      const url = new URL(database.url);
      url.port = String(relay.port);
      const dataSource = await open({ url: url.toString(), poolSize: 1, readTimeoutMs: 500 });
      await expect(dataSource.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
      relay.freeze();
      const started = Date.now();
      const error = await failureOf(() => dataSource.query('SELECT 2 AS two'));
      const waited = Date.now() - started;
      expectUnavailable(error, 'postgres-unreachable');
      expect(waited).toBeGreaterThanOrEqual(450);
      // Within the bound, not the minutes TCP would take (the test's own timeout is far above this).
      expect(waited).toBeLessThan(5_000);
      // The dead connection left the pool: the next query opens a new one through the thawed link.
      relay.thaw();
      await expect(dataSource.query('SELECT 3 AS three')).resolves.toEqual([{ three: 3 }]);
    } finally {
      await relay.close();
    }
  });

  it('a connection terminated by the server (57P01, as at shutdown) → postgres-restarting', async () => {
    const dataSource = await open({});
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    const [{ pid }] = (await runner.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
    const sleeping = failureOf(() => runner.query('SELECT pg_sleep(10)'));
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      // Wait until the backend runs the sleep, then end it the way a fast shutdown does.
      for (;;) {
        const { rows } = await admin.query<{ state: string | null; query: string }>(
          'SELECT state, query FROM pg_stat_activity WHERE pid = $1',
          [pid],
        );
        if (rows[0]?.state === 'active' && rows[0].query.includes('pg_sleep')) break;
        await new Promise((resolve) => setTimeout(resolve, 20)); // polling interval
      }
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    const error = await sleeping;
    await runner.release().catch(() => undefined);
    expectUnavailable(error, 'postgres-restarting');
  });

  it.each([
    ['a raw query', (manager: EntityManager) => manager.query('SELECT 1')],
    [
      'a query builder',
      (manager: EntityManager) =>
        manager
          .createQueryBuilder()
          .select('d.datname', 'name')
          .from('pg_catalog.pg_database', 'd')
          .getRawOne(),
    ],
  ])(
    'a transaction whose connection was lost between two statements (runner released), then %s → postgres-unreachable',
    async (_, next) => {
      const dataSource = await open({});
      const error = await failureOf(() =>
        dataSource.transaction(async (manager) => {
          const [{ pid }] = await manager.query<[{ pid: number }]>('SELECT pg_backend_pid() AS pid');
          const admin = new Client({ connectionString: database.url });
          await admin.connect();
          try {
            await admin.query('SELECT pg_terminate_backend($1)', [pid]);
          } finally {
            await admin.end();
          }
          // TypeORM releases the runner on the client's `error` event, which arrives with the server's FATAL notice.
          const runner = manager.queryRunner!;
          await new Promise<void>((resolve) => {
            if (runner.isReleased) resolve();
            else
              (runner as unknown as { databaseConnection: NodeJS.EventEmitter }).databaseConnection.once(
                'error',
                () => setImmediate(resolve),
              );
          });
          expect(runner.isReleased).toBe(true);
          await next(manager);
        }),
      );
      expectUnavailable(error, 'postgres-unreachable');
    },
  );

  it('every pooled connection busy past the connect timeout → postgres-pool-exhausted', async () => {
    const dataSource = await open({ poolSize: 1, connectTimeoutMs: 200 });
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    try {
      const error = await failureOf(() => dataSource.query('SELECT 1'));
      expectUnavailable(error, 'postgres-pool-exhausted');
    } finally {
      await holder.release();
    }
  });

  it('too many connections (53300) → postgres-overloaded', async () => {
    const role = `plenary_t_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'x' CONNECTION LIMIT 0`);
      const url = new URL(database.url);
      url.username = role;
      url.password = 'x';
      const error = await failureOf(() => open({ url: url.toString() }));
      expect((error as { code?: string }).code).toBe('53300');
      expectUnavailable(error, 'postgres-overloaded');
    } finally {
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('Redis not connected → redis-unavailable', async () => {
    const port = await findFreePort();
    const client = createRedisClient(`redis://127.0.0.1:${port}`, undefined, { failFast: true });
    const error = await failureOf(() => client.ping());
    expectUnavailable(error, 'redis-unavailable');
  });

  it('leaves bugs alone: a SQL error is not an outage', async () => {
    const dataSource = await open({});
    const error = await failureOf(() => dataSource.query('SELECT * FROM no_such_table'));
    expect(classifyInfrastructureFailure(error)).toBeNull();
    expect(toErrorResponse(error, 'r2')).toMatchObject({
      status: 500,
      unexpected: true,
      body: { error: { code: 'internal/unexpected' } },
    });
  });
});
