// What a process needs before (or instead of) Nest: config, logger, the api cluster primary. Nothing here loads Nest,
// TypeORM or application code, so an api cluster primary stays small (apps/api/src/main.ts).
export * from './lib/config/config.schema';
export * from './lib/config/load-config';
export * from './lib/logging/logger';
export { clusterWorkerIndex } from './lib/cluster/cluster-messages';
export * from './lib/cluster/cluster-primary';
