import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** An entity class. */
export type EntityClass = new () => object;
export type EntityList = EntityClass[];

/** TypeORM options shared by the apps, the migration command and the tests. Migrations own the schema. */
export function dataSourceOptions(url: string, entities: EntityList, poolSize = 10): DataSourceOptions {
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
    extra: { connectionTimeoutMillis: 5000, application_name: 'plenary' },
  };
}
