import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ClusterMetricsClient } from '../cluster/cluster-metrics.client';
import { APP_NAME } from '../config/config.tokens';
import { LOGGER } from '../logging/logger.token';

/**
 * Prometheus registry of one process: default Node metrics (incl. event-loop lag), HTTP and sockets. In an api
 * cluster worker (API_WORKERS > 1), a scrape answers the aggregate of all workers, collected by the primary.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'plenary_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'plenary_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly connectedSockets = new Gauge({
    name: 'plenary_connected_sockets',
    help: 'Socket.io connections currently open on this node',
    registers: [this.registry],
  });
  private readonly cluster: ClusterMetricsClient | null;

  constructor(
    @Inject(APP_NAME) service: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'plenary_', eventLoopMonitoringPrecision: 20 });
    this.cluster = cluster.isWorker ? new ClusterMetricsClient(this.registry) : null;
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpDuration.observe(labels, seconds);
    this.httpRequests.inc(labels);
  }

  /** The Prometheus text for /metrics: this process's, or in a cluster worker the whole cluster's. */
  async exposition(): Promise<string> {
    if (!this.cluster) return this.registry.metrics();
    try {
      return await this.cluster.aggregate();
    } catch (error) {
      // A scrape still gets numbers: this worker's own (a Prometheus counter reset at worst).
      this.logger.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'cluster metrics unavailable; answering with this worker only',
      );
      return this.registry.metrics();
    }
  }

  onModuleDestroy(): void {
    this.cluster?.close();
  }
}
