// A small closed-loop HTTP load generator: N keep-alive connections, each sending its next request as soon as the
// previous answer has arrived, for a fixed time. Records every latency (no sampling) and every status.
import { Agent, request } from 'node:http';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Check-ins this request carries (1 for a single scan, the batch size for a batch). */
  units: number;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** The next request of connection `connection`; return null when it has nothing left to send. */
  next(connection: number): LoadRequest | null;
  /** Validates a response body; a false return counts the request as failed. */
  check?(status: number, body: string): boolean;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  units: number;
  failures: number;
  statuses: Record<string, number>;
  requestsPerSecond: number;
  unitsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

function send(agent: Agent, baseUrl: URL, item: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: baseUrl.hostname,
        port: baseUrl.port,
        method: item.method,
        path: item.path,
        headers: item.body
          ? {
              ...item.headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(item.body),
            }
          : item.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (item.body) req.write(item.body);
    req.end();
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

/** Runs the load; requests finishing during the warm-up are sent but not counted. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const baseUrl = new URL(options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let units = 0;
  let failures = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;

  const worker = async (connection: number): Promise<void> => {
    for (;;) {
      const now = performance.now();
      if (now >= end) return;
      const item = options.next(connection);
      if (!item) return;
      const sent = performance.now();
      let ok = false;
      let status = 'error';
      try {
        const response = await send(agent, baseUrl, item);
        status = String(response.status);
        ok = options.check ? options.check(response.status, response.body) : response.status < 400;
      } catch {
        ok = false;
      }
      const done = performance.now();
      if (sent < measureFrom || done > end) continue;
      latencies.push(done - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (ok) units += item.units;
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, index) => worker(index)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (value: number): number => Math.round(value * 100) / 100;
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: latencies.length,
    units,
    failures,
    statuses,
    requestsPerSecond: round(latencies.length / options.seconds),
    unitsPerSecond: round(units / options.seconds),
    latencyMs: {
      p50: round(percentile(latencies, 50)),
      p90: round(percentile(latencies, 90)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies[latencies.length - 1] ?? 0),
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
    },
  };
}
