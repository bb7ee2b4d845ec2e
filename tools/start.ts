// `npm start`: builds, starts embedded PostgreSQL (unless DATABASE_URL is set), api, live and web, and prints the
// URL to open. Ctrl-C stops everything, PostgreSQL included.
import { ConfigError, loadConfig } from '@plenary/server-core';
import { build, startStack, type RunningStack } from './stack';

async function main(): Promise<void> {
  try {
    loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
      process.exit(78);
    }
    throw error;
  }
  const started = Date.now();
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  // Ctrl-C is honoured at any moment, also while building or starting: nothing may be left behind.
  const running: { stack?: RunningStack } = {};
  let stopping = false;
  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('Stopping …');
    await running.stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  log('Building api, live and web …');
  await build(process.env, 'inherit');
  if (stopping) return;
  const stack = await startStack({ env: process.env, output: 'inherit', log });
  running.stack = stack;
  if (stopping) {
    await stack.stop();
    process.exit(0);
  }
  const database = stack.embedded
    ? `embedded PostgreSQL on port ${new URL(stack.databaseUrl).port} (data kept in ${stack.postgresDataDir ?? stack.config.PLENARY_DATA_DIR})`
    : 'PostgreSQL at DATABASE_URL';
  log('');
  log(`  Database: ${database}.`);
  log(`  Plenary is running: open ${stack.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  log('  Press Ctrl-C to stop.');
  log('');
  const reason = await stack.exited;
  if (!stopping) {
    process.stderr.write(`${reason}; stopping the platform.\n`);
    await shutdown(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
