import cluster from 'node:cluster';
import type { Registry } from 'prom-client';

/**
 * Set by the cluster primary on each worker it forks: the worker's slot, 1…API_WORKERS (a replacement keeps the
 * slot of the worker it replaces). Internal, not configuration.
 */
export const WORKER_INDEX_ENV = 'PLENARY_WORKER_INDEX';

/** This process's slot when it is a cluster worker, else undefined. */
export function clusterWorkerIndex(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!cluster.isWorker) return undefined;
  const index = Number(env[WORKER_INDEX_ENV]);
  return Number.isInteger(index) && index > 0 ? index : undefined;
}

/** One process's metrics as `registry.getMetricsAsJSON()` returns them (what prom-client's aggregator takes). */
export type MetricsSnapshot = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * IPC between the primary and its workers for cluster-wide /metrics:
 * worker → primary `metrics-request` (a scrape arrived), primary → every listening worker `metrics-collect`,
 * worker → primary `metrics-collected` (its registry), primary → asking worker `metrics-response` (the aggregate).
 */
export type ClusterMessage =
  | { type: 'plenary:metrics-request'; id: number }
  | { type: 'plenary:metrics-collect'; id: number }
  | { type: 'plenary:metrics-collected'; id: number; metrics?: MetricsSnapshot; error?: string }
  | { type: 'plenary:metrics-response'; id: number; text?: string; error?: string };

const TYPES = new Set<string>([
  'plenary:metrics-request',
  'plenary:metrics-collect',
  'plenary:metrics-collected',
  'plenary:metrics-response',
]);

/** Narrows an IPC message to one of ours (other libraries, e.g. prom-client, use the same channel). */
export function isClusterMessage(message: unknown): message is ClusterMessage {
  if (typeof message !== 'object' || message === null) return false;
  const { type, id } = message as { type?: unknown; id?: unknown };
  return typeof type === 'string' && TYPES.has(type) && typeof id === 'number';
}
