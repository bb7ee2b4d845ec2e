import type { Registry } from 'prom-client';
import { isClusterMessage, type ClusterMessage } from './cluster-messages';

/** Sends to the primary; a closed channel (the primary is gone) is reported to the caller, never thrown. */
function sendToPrimary(message: ClusterMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send || !process.connected)
      return reject(new Error('no IPC channel to the cluster primary'));
    process.send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

interface Pending {
  resolve(text: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * The worker side of cluster-wide metrics: answers the primary's collection requests with this worker's registry,
 * and asks the primary for the aggregate of all workers when /metrics is scraped here.
 */
export class ClusterMetricsClient {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly onMessage = (message: unknown): void => {
    if (!isClusterMessage(message)) return;
    if (message.type === 'plenary:metrics-collect') {
      void this.registry
        .getMetricsAsJSON()
        .then(
          (metrics) => sendToPrimary({ type: 'plenary:metrics-collected', id: message.id, metrics }),
          (error: unknown) =>
            sendToPrimary({ type: 'plenary:metrics-collected', id: message.id, error: String(error) }),
        )
        .catch(() => undefined);
    } else if (message.type === 'plenary:metrics-response') {
      const request = this.pending.get(message.id);
      if (!request) return;
      this.pending.delete(message.id);
      clearTimeout(request.timer);
      if (message.text !== undefined) request.resolve(message.text);
      else request.reject(new Error(message.error ?? 'no aggregate from the cluster primary'));
    }
  };

  constructor(
    private readonly registry: Registry,
    private readonly timeoutMs = 5000,
  ) {
    process.on('message', this.onMessage);
  }

  /** The Prometheus text of every listening worker, aggregated by the primary. */
  aggregate(): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer from the cluster primary within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      sendToPrimary({ type: 'plenary:metrics-request', id }).catch((error: unknown) => {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  close(): void {
    process.off('message', this.onMessage);
    for (const [id, request] of this.pending) {
      clearTimeout(request.timer);
      request.reject(new Error('shutting down'));
      this.pending.delete(id);
    }
  }
}
