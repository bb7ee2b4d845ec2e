// A full disk under the mail outbox (black box, over HTTP and SQL): the outbox table lives in a tablespace on a small
// tmpfs of its own, which the test fills. A registration form is kept and applied — person, registration and its
// confirmation mail in one transaction — only once there is room, with exactly one mail; nothing is half-written and
// the api logs throttled `postgres-disk-full` warnings, no errors. Needs root (mount) and a PostgreSQL superuser on
// the same machine (the test PostgreSQL is both).
import { CSRF_HEADER } from '@plenary/contracts';
import { findFreePort } from '@plenary/server-core';
import {
  createTestDatabase,
  reportFigure,
  startSmtpSink,
  type SmtpSink,
  type TestDatabase,
} from '@plenary/server-core/testing';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  apiListening,
  startApiProcess,
  TEST_ORIGIN,
  waitForApi,
  type ApiProcess,
} from './testing/api-process';

const run = promisify(execFile);

describe('a full disk under the mail outbox (black box)', () => {
  const id = randomBytes(4).toString('hex');
  const mountPoint = join(tmpdir(), `plenary-disk-${id}`);
  const tablespace = `plenary_small_${id}`;
  let mounted = false;
  let database: TestDatabase;
  let db: Client;
  let sink: SmtpSink;
  let api: ApiProcess;

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${api.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, [CSRF_HEADER]: '1' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  const register = (email: string): Promise<Response> =>
    post('/api/events/vmc2021/registrations', {
      name: 'Ada Lovelace',
      email,
      organisation: 'Analytical Engines',
      jobTitle: 'Analyst',
      country: 'GB',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: false },
    });
  const count = async (sql: string, params: unknown[]): Promise<number> =>
    Number(((await db.query<{ n: string }>(sql, params)).rows[0] ?? { n: '0' }).n);

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await startSmtpSink();
    const port = await findFreePort();
    api = startApiProcess(database.url, port, { SMTP_URL: sink.url });
    await apiListening(api);
    db = new Client({ connectionString: database.url });
    await db.connect();
    // A 4 MB disk for the outbox: a tmpfs owned by the PostgreSQL server's user, as a tablespace.
    await mkdir(mountPoint);
    const { stdout } = await run('id', ['-u', 'postgres']);
    const uid = Number(stdout.trim());
    await run('mount', ['-t', 'tmpfs', '-o', `size=4m,mode=0700,uid=${uid},gid=${uid}`, 'tmpfs', mountPoint]);
    mounted = true;
    await chown(mountPoint, uid, uid);
    await db.query(`CREATE TABLESPACE ${tablespace} LOCATION '${mountPoint}'`);
    await db.query(`ALTER TABLE mail_outbox SET TABLESPACE ${tablespace}`);
  }, 120_000);

  afterAll(async () => {
    await api?.kill();
    await db?.end();
    await database?.drop();
    const admin = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await admin.connect();
    await admin.query(`DROP TABLESPACE IF EXISTS ${tablespace}`).catch(() => undefined);
    await admin.end();
    if (mounted) await run('umount', [mountPoint]);
    await rmdir(mountPoint).catch(() => undefined);
    await sink?.close();
  }, 60_000);

  it('keeps every registration form and sends its one mail once there is room; nothing half-written, no error lines (fault: outbox-disk-full)', async () => {
    const seen = api.logs.length;
    // Fill the disk: a table in the same tablespace grown until PostgreSQL cannot extend it (53100), then the outbox
    // itself filled with sent (inert) rows, so not one more mail fits.
    const fill = async (sql: string): Promise<void> => {
      for (;;) {
        const full = await db.query(sql).then(
          () => false,
          (error: { code?: string }) => {
            if (error.code !== '53100') throw error;
            return true;
          },
        );
        if (full) return;
      }
    };
    await db.query(`CREATE TABLE disk_filler (chunk text) TABLESPACE ${tablespace}`);
    await db.query(`ALTER TABLE disk_filler ALTER COLUMN chunk SET STORAGE PLAIN`);
    await fill(`INSERT INTO disk_filler SELECT repeat(md5(random()::text), 60) FROM generate_series(1, 200)`);
    await fill(
      `INSERT INTO mail_outbox (id, to_address, subject, text, html, sent_at)
       SELECT gen_random_uuid(), 'filler@example.org', 'filler', 'x', 'x', now() FROM generate_series(1, 20)`,
    );
    const fullAt = Date.now();

    const logged = (what: string, test: (line: Record<string, unknown>) => boolean) =>
      waitForApi(api, what, () => (api.logs.slice(seen).some(test) ? true : undefined), 30_000);
    // A sign-in answers as always (its mail is queued after the answer, so the answer cannot tell known addresses):
    // that mail cannot be queued — one throttled warning, and the person asks again later.
    expect((await post('/api/auth/sign-in', { email: 'organiser@plenary.test' })).status).toBe(202);
    await logged(
      'the sign-in mail refused by the full disk',
      (line) => line['kind'] === 'postgres-disk-full' && line['context'] === 'sign-in mail not queued',
    );

    // A registration while the outbox cannot take its confirmation: the form is kept (202), nothing of it applied.
    const email = `full-${id}@example.org`;
    expect((await register(email)).status).toBe(202);
    // Its failed apply is counted in the same warning window, reported when the window closes (10 s).
    await logged(
      'the failed apply counted',
      (line) => line['kind'] === 'postgres-disk-full' && typeof line['failures'] === 'number',
    );
    expect(await count(`SELECT count(*) AS n FROM people WHERE email = $1`, [email])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM registration_requests`, [])).toBe(1);

    // Room again: the stored form is applied by the minutely sweep, with its one mail; sign-in works at once.
    await db.query('DROP TABLE disk_filler');
    await db.query(`DELETE FROM mail_outbox WHERE to_address = 'filler@example.org'`);
    const roomAt = Date.now();
    reportFigure('outbox-disk-full', 'disk full for', roomAt - fullAt, 'ms');
    expect((await post('/api/auth/sign-in', { email: 'organiser@plenary.test' })).status).toBe(202);
    await waitForApi(
      api,
      'the kept registration applied and confirmed',
      () => (sink.received.some((mail) => mail.to.includes(email)) ? true : undefined),
      90_000,
    );
    reportFigure(
      'outbox-disk-full',
      'kept registration confirmed after room was made',
      Date.now() - roomAt,
      'ms',
    );
    await waitForApi(api, 'the sign-in mail after room was made', () =>
      sink.received.some((mail) => mail.to.includes('organiser@plenary.test')) ? true : undefined,
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM registrations r JOIN people p ON p.id = r.person_id WHERE p.email = $1`,
        [email],
      ),
    ).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM registration_requests`, [])).toBe(0);
    expect(sink.received.filter((mail) => mail.to.includes(email))).toHaveLength(1);
    // Only the sign-in asked for after room was made was sent.
    expect(sink.received.filter((mail) => mail.to.includes('organiser@plenary.test'))).toHaveLength(1);
    expect(api.logs.filter((line) => line.level === 'error' || line.level === 'stderr')).toEqual([]);
  }, 180_000);
});
