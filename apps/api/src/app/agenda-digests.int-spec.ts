import { managedSessionSchema, registrationListSchema } from '@plenary/contracts';
import { AgendaDigestService } from '@plenary/server-access';
import { REFERENCE_EVENT, REFERENCE_SESSIONS } from '@plenary/server-programme';
import type { LightMyRequestResponse } from 'fastify';
import { freshIp, registerAs, signInAs, startTestApi, type TestApi } from './test-api';

// Change digests for personal agendas (issue #12): one mail per person per change batch, listing the final state of
// every starred session that changed; nobody else mailed; a batch goes out once, after the event has been quiet.

const A = REFERENCE_EVENT.slug;
const OPENING = REFERENCE_SESSIONS[0]!;
const SECOND = REFERENCE_SESSIONS[1]!;
const THIRD = REFERENCE_SESSIONS[2]!;
const MINUTE = 60_000;

let api: TestApi;
let organiser: string;
let digests: AgendaDigestService;

async function send(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  cookie: string,
  payload?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const response = await api.request({ method, url, cookie, payload, headers, ip: freshIp() });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return response;
}

async function approve(email: string): Promise<void> {
  const list = registrationListSchema.parse(
    (await send('GET', `/api/events/${A}/registrations?q=${encodeURIComponent(email)}`, organiser)).json(),
  );
  await send('POST', `/api/events/${A}/registrations/decisions`, organiser, {
    registrationIds: [list.items[0]?.id],
    decision: 'approve',
  });
}

async function patchSession(sessionId: string, patch: Record<string, unknown>): Promise<void> {
  const current = managedSessionSchema.parse(
    (await send('GET', `/api/events/${A}/programme/sessions/${sessionId}`, organiser)).json(),
  );
  await send('PATCH', `/api/events/${A}/programme/sessions/${sessionId}`, organiser, patch, {
    'if-match': `"${current.version}"`,
  });
}

async function digestMails(): Promise<Array<{ to: string; text: string }>> {
  return api.dataSource.query(
    `SELECT to_address AS "to", text FROM mail_outbox WHERE subject LIKE 'Programme changes:%' ORDER BY to_address`,
  );
}

beforeAll(async () => {
  api = await startTestApi();
  digests = api.app.get(AgendaDigestService);
  organiser = await signInAs(api, 'organiser@plenary.test');
  // Two approved people with stars, and one whose registration is still pending (a star of theirs is left from
  // before, as after a registration went back to pending).
  for (const email of ['digest.fan@example.org', 'digest.watcher@example.org', 'digest.pending@example.org'])
    await registerAs(api, email, { attendance: 'remote' });
  await approve('digest.fan@example.org');
  await approve('digest.watcher@example.org');
  const fan = await signInAs(api, 'digest.fan@example.org');
  const watcher = await signInAs(api, 'digest.watcher@example.org');
  for (const id of [SECOND.id, THIRD.id]) await send('PUT', `/api/events/${A}/sessions/${id}/star`, fan);
  await send('PUT', `/api/events/${A}/sessions/${OPENING.id}/star`, watcher);
  await api.dataSource.query(
    `INSERT INTO session_stars (person_id, session_id, event_id)
     SELECT p.id, $1, $2 FROM people p WHERE p.email = 'digest.pending@example.org'`,
    [SECOND.id, REFERENCE_EVENT.id],
  );
});

afterAll(async () => {
  await api?.close();
});

describe('agenda change digests', () => {
  it('sends a batch at the latest an hour after its first change, even while edits go on', async () => {
    await patchSession(SECOND.id, { startsLocal: '2021-10-19T12:00', endsLocal: '2021-10-19T13:15' });
    // That first change was made 61 minutes ago; the organisers have been editing ever since.
    await api.dataSource.query(
      `UPDATE audit_log SET created_at = created_at - interval '61 minutes'
        WHERE target_id = $1 AND action = 'session.update'`,
      [SECOND.id],
    );
    await patchSession(SECOND.id, { startsLocal: '2021-10-19T12:15', endsLocal: '2021-10-19T13:30' });
    // Not quiet (the last change is a moment old), but past the maximum wait: the batch goes now.
    expect(await digests.sendDue(new Date())).toBe(1);
    const mails = await digestMails();
    expect(mails.map((mail) => mail.to)).toEqual(['digest.fan@example.org']);
    expect(mails[0]!.text).toContain(
      `“${SECOND.title}” is now Tuesday 19 October, 12:15–13:30, ${SECOND.room} — it was Tuesday 19 October, 11:15–`,
    );
    expect(mails[0]!.text).not.toContain('12:00');
  });

  it('mails each person with a changed starred session once per batch, with the final state, after a quiet period', async () => {
    const startedAt = Date.now();
    // Three edits of one session in a row (12:15 → 11:30 → 11:45, then a new title), a cancellation, and a move of
    // the opening that is taken back within the batch.
    await patchSession(SECOND.id, { startsLocal: '2021-10-19T11:30', endsLocal: '2021-10-19T12:45' });
    await patchSession(SECOND.id, { startsLocal: '2021-10-19T11:45', endsLocal: '2021-10-19T13:00' });
    await patchSession(SECOND.id, { title: 'Partnerships along the routes' });
    await send('POST', `/api/events/${A}/programme/sessions/${THIRD.id}/cancel`, organiser);
    const opening = managedSessionSchema.parse(
      (await send('GET', `/api/events/${A}/programme/sessions/${OPENING.id}`, organiser)).json(),
    );
    await patchSession(OPENING.id, { startsLocal: '2021-10-19T10:00', endsLocal: '2021-10-19T11:00' });
    await patchSession(OPENING.id, { startsLocal: opening.startsLocal, endsLocal: opening.endsLocal });

    // Still being edited: nothing goes out yet.
    expect(await digests.sendDue(new Date())).toBe(0);
    expect(await digestMails()).toHaveLength(1);

    // Ten quiet minutes later: one digest, to the one approved person whose starred sessions really changed.
    expect(await digests.sendDue(new Date(startedAt + 11 * MINUTE))).toBe(1);
    const mails = (await digestMails()).filter((mail) => mail.text.includes('Partnerships along the routes'));
    expect(mails.map((mail) => mail.to)).toEqual(['digest.fan@example.org']);
    const text = mails[0]!.text;
    expect(text).toContain('changed 2 sessions in your agenda (times in Europe/Vienna)');
    expect(text).toContain(
      `“Partnerships along the routes” (until now “${SECOND.title}”) is now Tuesday 19 October, 11:45–13:00`,
    );
    expect(text).toContain('it was Tuesday 19 October, 12:15–13:30');
    expect(text).toContain(`“${THIRD.title}” (Tuesday 19 October,`);
    expect(text).toContain('is cancelled.');
    expect(text).not.toContain('11:30');
    expect(text).toContain(`/e/${A}/agenda`);

    // The batch went out once: asking again mails nobody.
    expect(await digests.sendDue(new Date(startedAt + 12 * MINUTE))).toBe(0);
    expect(await digestMails()).toHaveLength(2);
  });
});
