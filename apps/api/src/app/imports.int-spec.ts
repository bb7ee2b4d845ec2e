import { errorEnvelopeSchema, importProgressSchema, type ImportProgress } from '@plenary/contracts';
import { InvitationImportService } from '@plenary/server-access';
import { createTestDatabase, type TestDatabase } from '@plenary/server-core/testing';
import { eventually, signInAs, startTestApi, type TestApi } from './test-api';

const FAST_JOBS = { JOBS_POLL_SECONDS: '0.5' };
const INVITATION_SUBJECT = 'Invitation: %';

/**
 * 50,000 rows (file lines 2…50,001): the existing staff account as speaker, every 50th row repeats the address of
 * a row 725 rows before it (25 near the start; in capitals: addresses compare case-insensitively), every 1,000th row
 * (at 500) has a bad address; every 100th row is a speaker.
 */
function bigCsv(rows = 50_000): { csv: string; invited: number; duplicates: number; errors: number } {
  const lines = ['email,name,role', 'staff@plenary.test,Staff Member,speaker'];
  let duplicates = 0;
  let errors = 0;
  const address = (i: number): string => `person-${i}@example.org`;
  for (let i = 1; i < rows; i += 1) {
    if (i % 50 === 49) {
      // Mostly an address from an earlier batch of 1,000 rows, so merging must work across batches.
      lines.push(`${address(i > 725 ? i - 725 : i - 25).toUpperCase()},Someone Else,attendee`);
      duplicates += 1;
    } else if (i % 1000 === 500) {
      lines.push(`not-an-address-${i},Bad Row,attendee`);
      errors += 1;
    } else lines.push(`${address(i)},Person ${i},${i % 100 === 0 ? 'speaker' : 'attendee'}`);
  }
  return { csv: `${lines.join('\n')}\n`, invited: rows - duplicates - errors, duplicates, errors };
}

async function upload(api: TestApi, cookie: string, csv: string, fileName = 'people.csv') {
  return api.request({
    method: 'POST',
    url: `/api/events/vmc2021/invitations/import?fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': 'text/csv' },
    payload: csv,
    cookie,
  });
}

async function progressOf(api: TestApi, cookie: string, id: string): Promise<ImportProgress> {
  const response = await api.request({ url: `/api/events/vmc2021/imports/${id}`, cookie });
  expect(response.statusCode).toBe(200);
  return importProgressSchema.parse(response.json());
}

const count = async (api: TestApi, sql: string, params: unknown[] = []): Promise<number> => {
  const [row] = await api.dataSource.query<Array<{ n: number }>>(sql, params);
  return row?.n ?? -1;
};

describe(InvitationImportService.name, () => {
  it('imports 50,000 rows in batches, resumes after the api stops mid-import, and does nothing twice', async () => {
    const database: TestDatabase = await createTestDatabase();
    const { csv, invited, duplicates, errors } = bigCsv();
    let first: TestApi | null = await startTestApi(FAST_JOBS, { database });
    let second: TestApi | null = null;
    try {
      const organiser = await signInAs(first, 'organiser@plenary.test');
      const peopleBefore = await count(first, 'SELECT count(*)::int AS n FROM people');
      const accepted = await upload(first, organiser, csv);
      expect(accepted.statusCode).toBe(202);
      const queued = importProgressSchema.parse(accepted.json());
      expect(queued).toMatchObject({ fileName: 'people.csv', totalRows: 50_000, kind: 'invitations' });
      expect(['queued', 'running']).toContain(queued.status);

      // Stop the api (a graceful close, as on SIGTERM) once a few batches are in, well before the end.
      const partial = await eventually(async () => {
        const progress = await progressOf(first as TestApi, organiser, queued.id);
        return progress.processedRows >= 5000 ? progress : undefined;
      }, 60_000);
      expect(partial.processedRows).toBeLessThan(50_000);
      await first.close();
      first = null;

      second = await startTestApi(FAST_JOBS, { database });
      const api = second;
      const stopped = await progressOf(api, organiser, queued.id);
      expect(stopped.status).toBe('running');
      expect(stopped.processedRows).toBeLessThan(50_000);
      const done = await eventually(async () => {
        const progress = await progressOf(api, organiser, queued.id);
        return progress.status === 'completed' ? progress : undefined;
      }, 120_000);

      expect(done).toMatchObject({
        totalRows: 50_000,
        processedRows: 50_000,
        invited,
        peopleCreated: invited - 1,
        duplicates,
        errorRows: errors,
        failure: null,
      });
      expect(done.finishedAt).not.toBeNull();
      // Each person created once, each address mailed once, each role granted once.
      expect(await count(api, 'SELECT count(*)::int AS n FROM people')).toBe(peopleBefore + invited - 1);
      expect(
        await count(api, 'SELECT count(*)::int AS n FROM mail_outbox WHERE subject LIKE $1', [
          INVITATION_SUBJECT,
        ]),
      ).toBe(invited);
      expect(
        await count(
          api,
          'SELECT count(DISTINCT to_address)::int AS n FROM mail_outbox WHERE subject LIKE $1',
          [INVITATION_SUBJECT],
        ),
      ).toBe(invited);
      expect(
        await count(
          api,
          `SELECT count(*)::int AS n FROM event_roles er JOIN people p ON p.id = er.person_id
            WHERE p.email LIKE 'person-%'`,
        ),
      ).toBe(invited - 1);
      expect(
        await count(
          api,
          `SELECT count(*)::int AS n FROM event_roles er JOIN people p ON p.id = er.person_id
            WHERE p.email = 'staff@plenary.test' AND er.role = 'speaker'`,
        ),
      ).toBe(1);
      expect(
        await count(api, `SELECT count(*)::int AS n FROM audit_log WHERE action = 'invitation.send'`),
      ).toBe(invited);
      // Issues: first lines first; the counts cover the ones not listed.
      expect(done.issuesTruncated).toBe(true);
      expect(done.issues).toHaveLength(500);
      expect(done.issues[0]).toEqual({
        line: 51,
        kind: 'duplicate',
        message: 'Same address as line 26: merged into one invitation.',
      });
      expect(done.issues.find((issue) => issue.kind === 'error')).toEqual({
        line: 502,
        kind: 'error',
        message: 'email: must be an e-mail address',
      });
      // The staged rows (personal data) are gone once the import is done.
      expect(await count(api, 'SELECT count(*)::int AS n FROM import_rows')).toBe(0);
      expect(await count(api, 'SELECT count(*)::int AS n FROM import_addresses')).toBe(0);
    } finally {
      await second?.close();
      await first?.close();
      await database.drop();
    }
  }, 240_000);

  describe('small files', () => {
    let api: TestApi;
    let organiser: string;

    beforeAll(async () => {
      api = await startTestApi(FAST_JOBS);
      organiser = await signInAs(api, 'organiser@plenary.test');
    });

    afterAll(async () => {
      await api.close();
    });

    const finished = (id: string): Promise<ImportProgress> =>
      eventually(async () => {
        const progress = await progressOf(api, organiser, id);
        return progress.status === 'completed' ? progress : undefined;
      }, 15_000);

    it('merges an address repeated in the file: one person, one mail, both roles, reported once per extra row', async () => {
      const csv = [
        'Email,Name,Role',
        'twice@example.org,Twice Once,speaker',
        '',
        'other@example.org,Other Person,',
        'TWICE@example.org,Twice Again,attendee',
        'bad,Bad Address,attendee',
        'third@example.org,Third,wizard',
      ].join('\r\n');
      const accepted = await upload(api, organiser, csv, 'small.csv');
      expect(accepted.statusCode).toBe(202);
      const done = await finished(importProgressSchema.parse(accepted.json()).id);
      expect(done).toMatchObject({ totalRows: 5, processedRows: 5, invited: 2, duplicates: 1, errorRows: 2 });
      expect(done.issues.map((issue) => [issue.line, issue.kind])).toEqual([
        [5, 'duplicate'],
        [6, 'error'],
        [7, 'error'],
      ]);
      expect(
        (await api.outbox('twice@example.org')).filter((m) => m.subject.startsWith('Invitation')),
      ).toHaveLength(1);
      const roles = await api.dataSource.query<Array<{ role: string }>>(
        `SELECT er.role FROM event_roles er JOIN people p ON p.id = er.person_id
          WHERE p.email = 'twice@example.org' ORDER BY er.role`,
      );
      expect(roles.map((row) => row.role)).toEqual(['attendee', 'speaker']);
      const list = await api.request({ url: '/api/events/vmc2021/imports', cookie: organiser });
      expect(list.json<{ imports: Array<{ id: string }> }>().imports[0]?.id).toBe(done.id);
    });

    it('refuses what it cannot import, before anything is stored', async () => {
      const before = await count(api, 'SELECT count(*)::int AS n FROM imports');
      const header = await upload(api, organiser, 'mail,name\nx@example.org,X\n');
      expect(header.statusCode).toBe(400);
      expect(errorEnvelopeSchema.parse(header.json()).error.code).toBe('core/validation-failed');
      const empty = await upload(api, organiser, 'email,name\n');
      expect(empty.statusCode).toBe(400);
      const broken = await upload(api, organiser, 'email,name\n"x@example.org,X\n');
      expect(broken.statusCode).toBe(400);
      expect(errorEnvelopeSchema.parse(broken.json()).error.message).toBe('The file is not valid CSV.');
      const json = await api.request({
        method: 'POST',
        url: '/api/events/vmc2021/invitations/import',
        payload: { csv: 'email,name\nx@example.org,X\n' },
        cookie: organiser,
      });
      expect(json.statusCode).toBe(415);
      const huge = await api.request({
        method: 'POST',
        url: '/api/events/vmc2021/invitations/import',
        headers: { 'content-type': 'text/csv' },
        payload: `email,name\n${'a'.repeat(21 * 1024 * 1024)}\n`,
        cookie: organiser,
      });
      expect(huge.statusCode).toBe(413);
      expect(await count(api, 'SELECT count(*)::int AS n FROM imports')).toBe(before);
      expect(await count(api, 'SELECT count(*)::int AS n FROM import_rows')).toBe(0);
    });

    it('is for organisers only, and an import of another event is not found', async () => {
      const anonymous = await upload(api, '', 'email,name\nx@example.org,X\n');
      expect(anonymous.statusCode).toBe(401);
      const staff = await signInAs(api, 'staff@plenary.test');
      expect((await upload(api, staff, 'email,name\nx@example.org,X\n')).statusCode).toBe(403);
      const unknown = await api.request({
        url: '/api/events/vmc2021/imports/00000000-0000-4000-8000-000000000000',
        cookie: organiser,
      });
      expect(unknown.statusCode).toBe(404);
      expect(errorEnvelopeSchema.parse(unknown.json()).error.code).toBe('registration/import-not-found');
    });
  });
});
