import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { AppConfig } from '../config/config.schema';
import {
  isClusterMessage,
  WORKER_INDEX_ENV,
  type ClusterMessage,
  type MetricsSnapshot,
} from './cluster-messages';

export interface ClusterPrimaryOptions {
  config: Pick<AppConfig, 'API_WORKERS' | 'REDIS_URL'>;
  /** The primary's own logger. */
  logger: Logger;
}

/** A worker that listened and lived this long counts as healthy: its exit is restarted at once. */
const STABLE_AFTER_MS = 10_000;
/** Restart delay after the first quick exit in a row; doubles with each further one, up to MAX_RESTART_DELAY_MS. */
const FIRST_RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long workers may take to stop after SIGTERM/SIGINT before they are killed. */
const SHUTDOWN_GRACE_MS = 15_000;
/** How long the primary waits for one worker's metrics during a scrape. */
const COLLECT_TIMEOUT_MS = 3000;

interface Slot {
  /** 1…API_WORKERS, kept by a replacement (log field `worker`). */
  index: number;
  worker?: Worker;
  forkedAt: number;
  listening: boolean;
  /** Exits in a row that came before the worker was healthy (drives the backoff). */
  quickExits: number;
  restartTimer?: NodeJS.Timeout;
}

/**
 * Runs this process as the api's cluster primary (`API_WORKERS` > 1). It loads no application code: it forks worker 1
 * (which migrates and seeds), forks the others once worker 1 listens, replaces workers that exit (with a backoff when
 * they keep failing), aggregates /metrics across workers, and on SIGTERM/SIGINT stops the workers and exits.
 *
 * If worker 1 exits before it ever listened (database unreachable, port taken, a failing migration), the primary exits
 * with its exit code (1 when it had none) rather than retrying: the supervisor (Docker, Kubernetes) decides.
 */
export function runClusterPrimary({ config, logger }: ClusterPrimaryOptions): void {
  const slots: Slot[] = Array.from({ length: config.API_WORKERS }, (_, i) => ({
    index: i + 1,
    forkedAt: 0,
    listening: false,
    quickExits: 0,
  }));
  const slotByWorkerId = new Map<number, Slot>();
  /** A worker has listened once: start-up (migrations, seed) went through. */
  let started = false;
  let stopping = false;
  let forced = false;

  logger.info({ workers: config.API_WORKERS, pid: process.pid }, 'api cluster primary started');
  if (!config.REDIS_URL) {
    logger.warn(
      { workers: config.API_WORKERS },
      'REDIS_URL is unset: rate limits are counted per worker (a client may get up to API_WORKERS times a limit)',
    );
  }

  const fork = (slot: Slot): void => {
    slot.restartTimer = undefined;
    const worker = cluster.fork({ [WORKER_INDEX_ENV]: String(slot.index) });
    slot.worker = worker;
    slot.forkedAt = Date.now();
    slot.listening = false;
    slotByWorkerId.set(worker.id, slot);
    // E.g. a failed signal or IPC send; unhandled, it would crash the primary. Exits are handled below.
    worker.on('error', (error: Error) =>
      logger.warn({ worker: slot.index, err: { message: error.message } }, 'worker process error'),
    );
    logger.info({ worker: slot.index, pid: worker.process.pid }, 'worker forked');
  };

  const running = (): Slot[] => slots.filter((slot) => slot.worker);

  /** Leaves once pino's pending (asynchronous) writes are out; a handle left open cannot hold the exit up. */
  const exit = (code: number): void => {
    stopping = true;
    process.exitCode = code;
    setTimeout(() => process.exit(code), 1000).unref();
  };

  const finish = (): void => {
    if (forced) logger.error('api cluster stopped; some workers had to be killed');
    else logger.info('api cluster stopped');
    exit(forced ? 1 : 0);
  };

  cluster.on('listening', (worker) => {
    const slot = slotByWorkerId.get(worker.id);
    if (!slot || slot.listening) return;
    slot.listening = true;
    if (started || stopping) return;
    started = true;
    for (const other of slots) if (!other.worker) fork(other);
  });

  cluster.on('exit', (worker, code, signal) => {
    const slot = slotByWorkerId.get(worker.id);
    slotByWorkerId.delete(worker.id);
    if (!slot || slot.worker !== worker) return;
    const healthy = slot.listening && Date.now() - slot.forkedAt >= STABLE_AFTER_MS;
    slot.worker = undefined;
    slot.listening = false;
    const fields = { worker: slot.index, pid: worker.process.pid, code, signal };
    if (stopping) {
      logger.info(fields, 'worker stopped');
      if (running().length === 0) finish();
      return;
    }
    if (!started) {
      logger.error(fields, 'worker 1 failed before it listened (see its log above); the api cluster stops');
      return exit(typeof code === 'number' && code !== 0 ? code : 1);
    }
    slot.quickExits = healthy ? 0 : slot.quickExits + 1;
    const delay =
      slot.quickExits === 0
        ? 0
        : Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (slot.quickExits - 1));
    logger.warn({ ...fields, restartInMs: delay }, 'worker exited unexpectedly; restarting it');
    slot.restartTimer = setTimeout(() => fork(slot), delay);
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    for (const slot of slots) clearTimeout(slot.restartTimer);
    const workers = running();
    logger.info({ signal, workers: workers.length }, 'stopping workers');
    if (workers.length === 0) return finish();
    // Each worker closes its Nest app (enableShutdownHooks): in-flight requests finish, pools close.
    for (const slot of workers) slot.worker?.process.kill(signal);
    setTimeout(() => {
      for (const slot of running()) {
        forced = true;
        logger.error(
          { worker: slot.index, pid: slot.worker?.process.pid },
          `worker did not stop within ${SHUTDOWN_GRACE_MS / 1000} s; killing it`,
        );
        slot.worker?.process.kill('SIGKILL');
      }
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // Cluster-wide /metrics: the worker that got the scrape asks here; every listening worker sends its registry.
  let nextCollectId = 1;
  const collecting = new Map<number, (snapshot: MetricsSnapshot | undefined) => void>();

  const collect = (slot: Slot): Promise<MetricsSnapshot | undefined> =>
    new Promise((resolve) => {
      const worker = slot.worker;
      if (!worker?.isConnected()) return resolve(undefined);
      const id = nextCollectId++;
      const timer = setTimeout(() => done(undefined), COLLECT_TIMEOUT_MS);
      const done = (snapshot: MetricsSnapshot | undefined): void => {
        clearTimeout(timer);
        collecting.delete(id);
        resolve(snapshot);
      };
      collecting.set(id, done);
      const message: ClusterMessage = { type: 'plenary:metrics-collect', id };
      worker.send(message, (error) => {
        if (error) done(undefined);
      });
    });

  const aggregate = async (): Promise<string> => {
    const listening = slots.filter((slot) => slot.listening);
    const snapshots = await Promise.all(listening.map(collect));
    const answered = snapshots.filter((snapshot): snapshot is MetricsSnapshot => snapshot !== undefined);
    if (answered.length === 0) throw new Error('no worker sent its metrics');
    const missing = listening.filter((_, i) => !snapshots[i]).map((slot) => slot.index);
    if (missing.length > 0) logger.warn({ missing }, 'metrics aggregated without some workers');
    return AggregatorRegistry.aggregate(answered).metrics();
  };

  cluster.on('message', (worker, message: unknown) => {
    if (!isClusterMessage(message)) return;
    if (message.type === 'plenary:metrics-collected') {
      collecting.get(message.id)?.(message.metrics);
    } else if (message.type === 'plenary:metrics-request') {
      void aggregate()
        .then(
          (text): ClusterMessage => ({ type: 'plenary:metrics-response', id: message.id, text }),
          (error: unknown): ClusterMessage => ({
            type: 'plenary:metrics-response',
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
          }),
        )
        .then((reply) => {
          if (worker.isConnected()) worker.send(reply, () => undefined);
        });
    }
  });

  fork(slots[0] as Slot);
}
