import {
  errorEnvelopeSchema,
  myRegistrationSchema,
  personalDataExportSchema,
  registrationListSchema,
  ticketSchema,
} from '@plenary/contracts';
import { RegistrationService } from '@plenary/server-access';
import { REFERENCE_EVENT } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import {
  freshIp,
  registerAs,
  registrationBody,
  registrationsApplied,
  signInAs,
  startTestApi,
  type TestApi,
} from './test-api';

// Issue #11, finding 1: the public form must never change an existing registration (ADR 0016).

let api: TestApi;
let organiser: string;

beforeAll(async () => {
  api = await startTestApi();
  organiser = await signInAs(api, 'organiser@plenary.test');
});

afterAll(async () => {
  await api.close();
});

const post = (payload: Record<string, unknown>, cookie?: string) =>
  api.request({ method: 'POST', url: '/api/events/vmc2021/registrations', payload, ip: freshIp(), cookie });

interface Stored {
  name: string;
  organisation: string;
  job_title: string;
  country: string;
  attendance: string;
  status: string;
  photo_recording_consent: boolean;
  accessibility_needs: string | null;
}
const stored = async (email: string): Promise<Stored | undefined> =>
  (
    await api.dataSource.query<Stored[]>(
      `SELECT p.name, r.organisation, r.job_title, r.country, r.attendance, r.status, r.photo_recording_consent,
              r.accessibility_needs
         FROM registrations r JOIN people p ON p.id = r.person_id WHERE p.email = $1`,
      [email],
    )
  )[0];
const consentLog = (email: string) =>
  api.dataSource.query<Array<{ kind: string; granted: boolean; source: string; by_self: boolean | null }>>(
    `SELECT c.kind, c.granted, c.source, c.actor_id = c.person_id AS by_self
       FROM consent_records c JOIN people p ON p.id = c.person_id WHERE p.email = $1 ORDER BY c.created_at, c.kind`,
    [email],
  );
const subjects = async (email: string): Promise<string[]> =>
  (await api.outbox(email)).map((mail) => mail.subject);
const ATTEMPT = `Your registration: ${REFERENCE_EVENT.name}`;

async function approve(email: string): Promise<void> {
  const list = registrationListSchema.parse(
    (
      await api.request({
        url: `/api/events/vmc2021/registrations?q=${encodeURIComponent(email)}`,
        cookie: organiser,
      })
    ).json(),
  );
  const response = await api.request({
    method: 'POST',
    url: '/api/events/vmc2021/registrations/decisions',
    payload: { registrationIds: [list.items[0]?.id], decision: 'approve' },
    cookie: organiser,
  });
  expect(response.statusCode).toBe(200);
}

const HOSTILE = {
  name: 'Mallory Impostor',
  organisation: 'Nowhere Inc',
  jobTitle: 'Impostor',
  country: 'FR',
  attendance: 'remote',
  accessibilityNeeds: 'none at all',
  consents: { privacyNotice: true, photoRecording: true },
};

describe('The public form and an existing registration', () => {
  it('changes nothing, answers exactly as for a new address, and tells the owner once', async () => {
    await registerAs(api, 'owner@example.org', {
      name: 'Olivia Owner',
      accessibilityNeeds: 'Step-free access',
    });
    await approve('owner@example.org');
    const before = await stored('owner@example.org');
    const logBefore = await consentLog('owner@example.org');
    const owner = await signInAs(api, 'owner@example.org');
    const ticketBefore = ticketSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: owner })).json(),
    );

    const hostile = await post(registrationBody({ ...HOSTILE, email: 'owner@example.org' }));
    const fresh = await post(registrationBody({ ...HOSTILE, email: 'newcomer@example.org' }));
    await registrationsApplied(api);

    expect(hostile.statusCode).toBe(202);
    expect(hostile.statusCode).toBe(fresh.statusCode);
    expect(hostile.body).toBe(fresh.body);
    expect(Object.keys(hostile.headers).sort()).toEqual(Object.keys(fresh.headers).sort());
    expect(await stored('owner@example.org')).toEqual(before);
    expect(before).toMatchObject({ name: 'Olivia Owner', attendance: 'in_person', status: 'approved' });
    expect(await consentLog('owner@example.org')).toEqual(logBefore);
    const ticketAfter = ticketSchema.parse(
      (await api.request({ url: '/api/events/vmc2021/my/ticket', cookie: owner })).json(),
    );
    expect(ticketAfter).toEqual(ticketBefore);
    expect(ticketAfter.holder.name).toBe('Olivia Owner');
    const attempt = (await api.outbox('owner@example.org')).find((mail) => mail.subject === ATTEMPT);
    expect(attempt?.text).toContain('nothing has been changed');
    expect(attempt?.text).toContain('/e/vmc2021/access');
    // The newcomer was registered as asked.
    expect(await stored('newcomer@example.org')).toMatchObject({
      name: 'Mallory Impostor',
      status: 'pending',
    });

    // A second try within the notice window: still nothing changed, and no second mail.
    await post(registrationBody({ ...HOSTILE, email: 'owner@example.org' }));
    await registrationsApplied(api);
    expect((await subjects('owner@example.org')).filter((subject) => subject === ATTEMPT)).toHaveLength(1);
    expect(await stored('owner@example.org')).toEqual(before);
  });

  it('does the same work before answering for every address: the answer does not wait for the registration', async () => {
    await registerAs(api, 'known-timing@example.org');
    // Hold the event's settings row, which applying any registration must lock: if either path did its work
    // before answering, its request would hang here.
    const blocker = api.dataSource.createQueryRunner();
    await blocker.connect();
    try {
      await blocker.startTransaction();
      await blocker.query('SELECT 1 FROM event_settings WHERE event_id = $1 FOR UPDATE', [
        REFERENCE_EVENT.id,
      ]);
      const [known, unknown] = await Promise.all([
        post(registrationBody({ ...HOSTILE, email: 'known-timing@example.org' })),
        post(registrationBody({ ...HOSTILE, email: 'unknown-timing@example.org' })),
      ]);
      expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
      expect(known.body).toBe(unknown.body);
      expect(await stored('unknown-timing@example.org')).toBeUndefined();
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
    }
    await registrationsApplied(api);
    expect(await stored('unknown-timing@example.org')).toMatchObject({ status: 'pending' });
    expect(await stored('known-timing@example.org')).toMatchObject({ name: 'Ada Lovelace', country: 'GB' });
  });

  it('registers a known person who has no registration for the event without renaming them', async () => {
    const invited = await api.request({
      method: 'POST',
      url: '/api/events/vmc2021/invitations',
      payload: { invitations: [{ email: 'invitee@example.org', name: 'Ivy Invitee', role: 'attendee' }] },
      cookie: organiser,
    });
    expect(invited.statusCode).toBe(200);
    await registerAs(api, 'invitee@example.org', { name: 'Somebody Else' });
    expect(await stored('invitee@example.org')).toMatchObject({ name: 'Ivy Invitee', status: 'approved' });
  });

  it('treats a person signed in with another address as a stranger', async () => {
    await registerAs(api, 'victim@example.org', { name: 'Victor Victim' });
    await registerAs(api, 'attacker@example.org', { name: 'Attila Attacker' });
    const before = await stored('victim@example.org');
    const attacker = await signInAs(api, 'attacker@example.org');
    const response = await post(registrationBody({ ...HOSTILE, email: 'victim@example.org' }), attacker);
    await registrationsApplied(api);
    expect(response.statusCode).toBe(202);
    expect(await stored('victim@example.org')).toEqual(before);
    expect(await subjects('victim@example.org')).toContain(ATTEMPT);
  });

  it('applies a form left unapplied (a process stopped between answer and work) in the sweep, once', async () => {
    await api.dataSource.query(
      `INSERT INTO registration_requests (id, event_id, payload, created_at)
       VALUES ($1, $2, $3::jsonb, now() - interval '2 minutes')`,
      [
        randomUUID(),
        REFERENCE_EVENT.id,
        JSON.stringify(registrationBody({ email: 'left-over@example.org' })),
      ],
    );
    const service = api.app.get(RegistrationService);
    // Two sweeps at once (two api processes): the form is applied once.
    await Promise.all([service.applyLeftovers(), service.applyLeftovers()]);
    expect(await stored('left-over@example.org')).toMatchObject({ status: 'pending' });
    expect(
      (await subjects('left-over@example.org')).filter((s) => s.startsWith('Registration received')),
    ).toHaveLength(1);
  });
});

describe('My registration (signed in as its owner)', () => {
  const myUrl = '/api/events/vmc2021/my/registration';

  it('changes details, attendance, name and consents, with each consent change in the log', async () => {
    await registerAs(api, 'self@example.org', {
      name: 'Sam Self',
      consents: { privacyNotice: true, photoRecording: true },
    });
    const cookie = await signInAs(api, 'self@example.org');
    const mine = myRegistrationSchema.parse((await api.request({ url: myUrl, cookie })).json());
    expect(mine).toMatchObject({ name: 'Sam Self', email: 'self@example.org', status: 'pending' });
    expect(mine.consents.photoRecording).toBe(true);

    const { email: _email, ...form } = registrationBody({
      name: 'Samantha Self',
      organisation: 'New Org',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: false },
    });
    const saved = await api.request({ method: 'PUT', url: myUrl, payload: form, cookie });
    expect(saved.statusCode).toBe(200);
    expect(myRegistrationSchema.parse(saved.json())).toMatchObject({
      name: 'Samantha Self',
      organisation: 'New Org',
      attendance: 'remote',
      consents: { photoRecording: false },
    });
    expect(await stored('self@example.org')).toMatchObject({
      name: 'Samantha Self',
      organisation: 'New Org',
      attendance: 'remote',
      photo_recording_consent: false,
    });
    expect(await consentLog('self@example.org')).toEqual([
      { kind: 'privacy_notice', granted: true, source: 'public_form', by_self: null },
      { kind: 'photo_recording', granted: true, source: 'public_form', by_self: null },
      { kind: 'photo_recording', granted: false, source: 'own_account', by_self: true },
    ]);
    const audit = await api.dataSource.query<Array<{ action: string; details: { changed: string[] } }>>(
      `SELECT action, details FROM audit_log WHERE action = 'registration.self-update'`,
    );
    expect(audit.at(-1)?.details.changed).toEqual(
      expect.arrayContaining(['organisation', 'attendance', 'photoRecordingConsent']),
    );
    // The header's name comes from the cached session: it shows the new name at once.
    expect((await api.request({ url: '/api/me', cookie })).json()).toMatchObject({
      person: { name: 'Samantha Self' },
    });
    const exported = personalDataExportSchema.parse(
      (await api.request({ url: '/api/me/export', cookie })).json(),
    );
    expect(exported.consents.map((c) => [c.kind, c.granted, c.source])).toEqual([
      ['privacy_notice', true, 'public_form'],
      ['photo_recording', true, 'public_form'],
      ['photo_recording', false, 'own_account'],
    ]);
  });

  it('saves through the public form too when signed in with that address', async () => {
    await registerAs(api, 'form-owner@example.org', { name: 'Fay Form' });
    const cookie = await signInAs(api, 'form-owner@example.org');
    const response = await post(
      registrationBody({ email: 'form-owner@example.org', name: 'Fay Former', country: 'AT' }),
      cookie,
    );
    expect(response.statusCode).toBe(202);
    expect(await stored('form-owner@example.org')).toMatchObject({ name: 'Fay Former', country: 'AT' });
  });

  it('registers a signed-in person who has none, and cancels it; a cancelled one can be submitted again', async () => {
    const cookie = await signInAs(api, 'moderator@plenary.test');
    expect((await api.request({ url: myUrl, cookie })).statusCode).toBe(404);
    const { email: _email, ...form } = registrationBody({ name: 'Demo Moderator' });
    expect((await api.request({ method: 'PUT', url: myUrl, payload: form, cookie })).statusCode).toBe(200);
    const cancelled = await api.request({ method: 'POST', url: `${myUrl}/cancel`, cookie });
    expect(myRegistrationSchema.parse(cancelled.json()).status).toBe('cancelled');
    const again = await api.request({ method: 'PUT', url: myUrl, payload: form, cookie });
    expect(myRegistrationSchema.parse(again.json()).status).toBe('pending');
  });

  it('refuses anonymous access and bad input', async () => {
    expect((await api.request({ url: myUrl })).statusCode).toBe(401);
    const cookie = await signInAs(api, 'self@example.org');
    const bad = await api.request({
      method: 'PUT',
      url: myUrl,
      payload: { ...registrationBody(), country: 'Narnia' },
      cookie,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(bad.json()).error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'country' })]),
    );
  });
});
