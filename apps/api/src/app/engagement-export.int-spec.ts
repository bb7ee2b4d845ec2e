import type { EngagementExport } from '@plenary/contracts';
import { REFERENCE_SESSIONS } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { registerAs, signInAs, startTestApi, type TestApi } from './test-api';

describe('Engagement exports', () => {
  let api: TestApi;
  let moderatorCookie: string;
  const sessionId = REFERENCE_SESSIONS[0]?.id ?? '';
  const base = `/api/events/vmc2021/sessions/${sessionId}/engagement`;
  const askerId = randomUUID();
  const named = randomUUID();
  const anonymous = randomUUID();
  const formula = randomUUID();
  const pollId = randomUUID();

  beforeAll(async () => {
    api = await startTestApi();
    moderatorCookie = await signInAs(api, 'moderator@plenary.test');
    const q = (sql: string, params: unknown[]): Promise<unknown> => api.dataSource.query(sql, params);
    await q(`INSERT INTO people (id, email, name) VALUES ($1, $2, 'Ada Asker')`, [
      askerId,
      `${askerId}@example.org`,
    ]);
    await q(
      `INSERT INTO questions (id, session_id, person_id, text, anonymous, source, status, created_at) VALUES
         ($1, $4, $5, 'A named question', false, 'remote', 'approved', now() - interval '3 minutes'),
         ($2, $4, $5, 'An anonymous question', true, 'room', 'answered', now() - interval '2 minutes'),
         ($3, $4, $5, '=HYPERLINK("https://evil.example","click")', false, 'remote', 'pending', now() - interval '1 minute')`,
      [named, anonymous, formula, sessionId, askerId],
    );
    await q('INSERT INTO question_votes (question_id, person_id) VALUES ($1, $2), ($1, $3)', [
      named,
      askerId,
      randomUUID(),
    ]);
    await q(
      `INSERT INTO polls (id, session_id, question, kind, options, state, created_by)
       VALUES ($1, $2, 'Useful?', 'single', '[{"id":"o1","label":"Yes"},{"id":"o2","label":"-No"}]', 'closed', $3)`,
      [pollId, sessionId, askerId],
    );
    await q(
      `INSERT INTO poll_ballots (poll_id, person_id, option_ids)
       VALUES ($1, $2, '{o1}'), ($1, $3, '{o1}'), ($1, $4, '{o2}')`,
      [pollId, randomUUID(), randomUUID(), randomUUID()],
    );
  });

  afterAll(async () => {
    await api.close();
  });

  it('exports questions and poll results as JSON, without anonymous askers', async () => {
    const response = await api.request({ url: `${base}/export.json`, cookie: moderatorCookie });
    expect(response.statusCode).toBe(200);
    const body = response.json<EngagementExport>();
    expect(body.confidential).toBe(false);
    expect(body.questions.map((question) => [question.id, question.askerName, question.votes])).toEqual([
      [named, 'Ada Asker', 2],
      [anonymous, null, 0],
      [formula, 'Ada Asker', 0],
    ]);
    expect(body.polls).toEqual([
      expect.objectContaining({
        id: pollId,
        state: 'closed',
        results: { counts: { o1: 2, o2: 1 }, voters: 3 },
      }),
    ]);
  });

  it('exports CSV with formula-looking cells neutralised', async () => {
    const response = await api.request({ url: `${base}/export.csv`, cookie: moderatorCookie });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('type,id,createdAt,source,status,highlighted,asker,text,option,votes,voters');
    expect(response.body).toContain(`'=HYPERLINK`);
    expect(response.body).toContain(`poll,${pollId},,single,closed,,,Useful?,'-No,1,3`);
    expect(lines).toHaveLength(1 + 3 + 2);
  });

  it('leaves every asker out when the session is confidential', async () => {
    await api.dataSource.query('UPDATE sessions SET confidential = true WHERE id = $1', [sessionId]);
    const json = await api.request({ url: `${base}/export.json`, cookie: moderatorCookie });
    expect(json.json<EngagementExport>().questions.map((question) => question.askerName)).toEqual([
      null,
      null,
      null,
    ]);
    const csv = await api.request({ url: `${base}/export.csv`, cookie: moderatorCookie });
    expect(csv.body).not.toContain('Ada Asker');
  });

  it('is for moderators and organisers only', async () => {
    expect((await api.request({ url: `${base}/export.json` })).statusCode).toBe(401);
    await registerAs(api, 'export-attendee@example.org');
    const attendee = await signInAs(api, 'export-attendee@example.org');
    const refused = await api.request({ url: `${base}/export.csv`, cookie: attendee });
    expect(refused.statusCode).toBe(403);
    const unknown = await api.request({
      url: `/api/events/vmc2021/sessions/${randomUUID()}/engagement/export.json`,
      cookie: moderatorCookie,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
