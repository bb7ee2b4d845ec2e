// The api's entry point: `node main.js [serve|migrate|seed]`. `serve` with API_WORKERS > 1 turns this process into a
// small cluster primary that forks the workers; a worker, or the single process otherwise, runs `serve.ts`. This file
// imports nothing of Nest or the application, so the primary never loads it.
import cluster from 'node:cluster';
import {
  clusterWorkerIndex,
  createLogger,
  loadConfigOrExit,
  runClusterPrimary,
} from '@plenary/server-core/process';

const COMMANDS = ['serve', 'migrate', 'seed'] as const;
type Command = (typeof COMMANDS)[number];
const isCommand = (value: string): value is Command => (COMMANDS as readonly string[]).includes(value);

function fail(error: unknown): never {
  process.stderr.write(
    `api failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

function main(): void {
  const config = loadConfigOrExit();
  const command = process.argv[2] ?? 'serve';
  if (!isCommand(command)) {
    process.stderr.write(`Unknown command "${command}". Use: serve | migrate | seed\n`);
    process.exit(64);
  }
  if (command === 'serve' && config.API_WORKERS > 1 && cluster.isPrimary) {
    runClusterPrimary({ config, logger: createLogger(config, 'api', { role: 'primary' }) });
    return;
  }
  const worker = clusterWorkerIndex();
  const logger = createLogger(config, 'api', worker === undefined ? {} : { worker });
  import('./serve').then(({ runApi }) => runApi(config, logger, command)).catch(fail);
}

main();
