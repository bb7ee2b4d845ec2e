import { parkedMailsSchema } from '@plenary/contracts';
import { RETENTION_PURGE_QUEUE } from '@plenary/server-access';
import { JobsService, MAIL_QUEUE, MailService } from '@plenary/server-core';
import { startSmtpSink, type SmtpSink } from '@plenary/server-core/testing';
import { eventually, registerAs, signInAs, startTestApi, type TestApi } from './test-api';

const FAST_JOBS = { JOBS_POLL_SECONDS: '0.5' };
// Each test boots one or two api processes (migrations, seed, job runner) and waits for background work.
const TIMEOUT_MS = 60_000;

describe(JobsService.name, () => {
  it(
    'runs each job once with two api processes on one database',
    async () => {
      const runs: Array<{ instance: number; key: number }> = [];
      const define = (instance: number) => (app: TestApi['app']) =>
        app.get(JobsService).define<{ key: number }>({
          queue: 'test.once',
          batchSize: 10,
          handle: async (jobs) => {
            // A real round trip per batch, so both processes are busy at the same time.
            await app.get(MailService).listOutbox(1);
            for (const job of jobs) runs.push({ instance, key: job.data.key });
          },
        });
      const first = await startTestApi(FAST_JOBS, { beforeInit: define(1) });
      const second = await startTestApi(FAST_JOBS, { database: first.database, beforeInit: define(2) });
      try {
        const keys = Array.from({ length: 120 }, (_, key) => key);
        await first.dataSource.transaction(async (manager) => {
          for (const key of keys) await first.app.get(JobsService).send('test.once', { key }, { manager });
        });
        await eventually(async () => (runs.length >= keys.length ? true : undefined), 30_000);
        // Both states settle: nothing left queued or running.
        await eventually(async () => {
          const states = await first.app.get(JobsService).queueStates();
          return (states['test.once']?.queued ?? 0) + (states['test.once']?.active ?? 0) === 0
            ? true
            : undefined;
        }, 10_000);
        expect(runs.map((run) => run.key).sort((a, b) => a - b)).toEqual(keys);
      } finally {
        await second.close();
        await first.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'sends a job only when the transaction that sends it commits',
    async () => {
      const api = await startTestApi(FAST_JOBS);
      try {
        const jobs = api.app.get(JobsService);
        await expect(
          api.dataSource.transaction(async (manager) => {
            await jobs.send(RETENTION_PURGE_QUEUE, {}, { manager });
            throw new Error('rolled back');
          }),
        ).rejects.toThrow('rolled back');
        const rows = await api.dataSource.query(`SELECT 1 FROM pgboss.job WHERE name = $1`, [
          RETENTION_PURGE_QUEUE,
        ]);
        expect(rows).toEqual([]);
      } finally {
        await api.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'runs the retention purge as a scheduled job',
    async () => {
      const api = await startTestApi(FAST_JOBS);
      try {
        const schedules = await api.dataSource.query<Array<{ name: string; cron: string }>>(
          'SELECT name, cron FROM pgboss.schedule ORDER BY name',
        );
        expect(schedules).toEqual(
          expect.arrayContaining([
            { name: RETENTION_PURGE_QUEUE, cron: '17 * * * *' },
            { name: MAIL_QUEUE, cron: '* * * * *' },
          ]),
        );
        // The reference event ended in 2021: with 30 days of retention its registrations are due for the purge.
        await registerAs(api, 'purged@example.org');
        const organiser = await signInAs(api, 'organiser@plenary.test');
        const settings = await api.request({
          method: 'PUT',
          url: '/api/events/vmc2021/settings',
          payload: { approvalMode: 'manual', inPersonCapacity: null, retentionDays: 30 },
          cookie: organiser,
        });
        expect(settings.statusCode).toBe(200);
        expect(
          await api.dataSource.query(`SELECT 1 FROM people WHERE email = 'purged@example.org'`),
        ).toHaveLength(1);
        await api.app.get(JobsService).send(RETENTION_PURGE_QUEUE, {});
        await eventually(async () => {
          const left = await api.dataSource.query<unknown[]>(
            `SELECT 1 FROM people WHERE email = 'purged@example.org'`,
          );
          return left.length === 0 ? true : undefined;
        }, 15_000);
        expect(await api.dataSource.query('SELECT 1 FROM registrations')).toEqual([]);
      } finally {
        await api.close();
      }
    },
    TIMEOUT_MS,
  );
});

describe(MailService.name, () => {
  let sink: SmtpSink;

  beforeEach(async () => {
    sink = await startSmtpSink((address) => address.startsWith('bounce'));
  });

  afterEach(async () => {
    await sink.close();
  });

  const insertMails = (api: TestApi, addresses: string[], eventId: string | null = null): Promise<unknown> =>
    api.dataSource.query(
      `INSERT INTO mail_outbox (id, to_address, subject, text, html, event_id, created_at)
       SELECT gen_random_uuid(), a, 'Test ' || a, 'text', '<p>html</p>', $2, now() - make_interval(secs => 100 - n)
         FROM unnest($1::text[]) WITH ORDINALITY AS t(a, n)`,
      [addresses, eventId],
    );

  it(
    'is not starved by mails that keep failing: it picks only due mails, oldest first',
    async () => {
      const api = await startTestApi({ ...FAST_JOBS, SMTP_URL: sink.url, MAIL_MAX_ATTEMPTS: '3' });
      try {
        // 25 older mails that the SMTP server refuses for good, then one that works.
        await insertMails(
          api,
          Array.from({ length: 25 }, (_, i) => `bounce-${i}@example.org`),
        );
        await api.app.get(MailService).enqueue({
          to: 'works@example.org',
          subject: 'Deliverable',
          text: 'hello',
          html: '<p>hello</p>',
        });
        await eventually(
          async () =>
            sink.received.some((mail) => mail.to.includes('works@example.org')) ? true : undefined,
          10_000,
        );
        const [row] = await api.dataSource.query<Array<{ sent: boolean }>>(
          `SELECT sent_at IS NOT NULL AS sent FROM mail_outbox WHERE to_address = 'works@example.org'`,
        );
        expect(row?.sent).toBe(true);
        // Each refused mail was tried once and now waits for its backoff (30 s), not parked yet.
        const failing = await api.dataSource.query<
          Array<{ attempts: number; waits: boolean; parked: boolean }>
        >(
          `SELECT attempts, next_attempt_at > now() + interval '20 seconds' AS waits, parked_at IS NOT NULL AS parked
           FROM mail_outbox WHERE to_address LIKE 'bounce-%'`,
        );
        expect(failing).toHaveLength(25);
        expect(failing.every((mail) => mail.attempts === 1 && mail.waits && !mail.parked)).toBe(true);
      } finally {
        await api.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'parks a mail after MAIL_MAX_ATTEMPTS failures and lists it for the event’s organisers',
    async () => {
      const api = await startTestApi({ ...FAST_JOBS, SMTP_URL: sink.url, MAIL_MAX_ATTEMPTS: '2' });
      try {
        const [event] = await api.dataSource.query<Array<{ id: string }>>(
          `SELECT id FROM events WHERE slug = 'vmc2021'`,
        );
        await insertMails(api, ['bounce-parked@example.org'], event?.id ?? null);
        await api.app.get(JobsService).send(MAIL_QUEUE, {});
        await eventually(async () => (sink.refused.length >= 1 ? true : undefined), 10_000);
        // Due again at once (as if the backoff had passed): the second failure parks it.
        await api.dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now() WHERE parked_at IS NULL`);
        await api.app.get(JobsService).send(MAIL_QUEUE, {});
        const parked = await eventually(async () => {
          const rows = await api.dataSource.query<Array<{ attempts: number; last_error: string }>>(
            `SELECT attempts, last_error FROM mail_outbox WHERE parked_at IS NOT NULL`,
          );
          return rows[0];
        }, 10_000);
        expect(parked.attempts).toBe(2);
        expect(parked.last_error).toContain('550');
        expect(sink.refused).toEqual(['bounce-parked@example.org', 'bounce-parked@example.org']);

        const organiser = await signInAs(api, 'organiser@plenary.test');
        const listed = await api.request({ url: '/api/events/vmc2021/mail/parked', cookie: organiser });
        expect(listed.statusCode).toBe(200);
        const body = parkedMailsSchema.parse(listed.json());
        expect(body.count).toBe(1);
        expect(body.mails[0]).toMatchObject({ to: 'bounce-parked@example.org', attempts: 2 });
        const stranger = await api.request({ url: '/api/events/vmc2021/mail/parked' });
        expect(stranger.statusCode).toBe(401);
      } finally {
        await api.close();
      }
    },
    TIMEOUT_MS,
  );

  it(
    'sends at most MAIL_RATE_PER_MINUTE mails in a minute, across the whole outbox',
    async () => {
      const api = await startTestApi({ ...FAST_JOBS, SMTP_URL: sink.url, MAIL_RATE_PER_MINUTE: '5' });
      try {
        const mail = api.app.get(MailService);
        await api.dataSource.transaction((manager) =>
          mail.enqueueMany(
            Array.from({ length: 8 }, (_, i) => ({
              to: `rate-${i}@example.org`,
              subject: 'Rate',
              text: 'hello',
              html: '<p>hello</p>',
            })),
            manager,
          ),
        );
        await eventually(async () => (sink.received.length >= 5 ? true : undefined), 10_000);
        // The sender then leaves a wake-up for when the minute's budget frees, and sends nothing more before it.
        await eventually(async () => {
          const waiting = await api.dataSource.query<unknown[]>(
            `SELECT 1 FROM pgboss.job WHERE name = $1 AND state = 'created' AND start_after > now() + interval '20 seconds'`,
            [MAIL_QUEUE],
          );
          return waiting.length > 0 ? true : undefined;
        }, 10_000);
        expect(sink.received).toHaveLength(5);
        const unsent = await api.dataSource.query<Array<{ attempts: number }>>(
          'SELECT attempts FROM mail_outbox WHERE sent_at IS NULL',
        );
        expect(unsent.map((row) => row.attempts)).toEqual([0, 0, 0]);
      } finally {
        await api.close();
      }
    },
    TIMEOUT_MS,
  );
});
