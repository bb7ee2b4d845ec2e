import { ApiRequestError } from './api-client';
import { endPersonSessions } from './end-person-sessions';
import { eraseMe } from './erase-me';
import { personalDataExportUrl } from './export-personal-data';
import { registrationsCsvUrl } from './export-registrations-csv';
import { getImportRowErrors, importInvitations } from './import-invitations';
import { invitePeople } from './invite-people';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('invitation, session and personal-data endpoints', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => fetchMock.mockRestore());

  const sent = (index: number) => {
    const [url, init] = fetchMock.mock.calls[index] ?? [];
    return {
      url,
      method: init?.method,
      csrf: new Headers(init?.headers).get('x-plenary-csrf'),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
  };

  it('posts invitations and CSV imports with the CSRF header', async () => {
    fetchMock.mockImplementation(async () => jsonResponse({ invited: 1, errors: [] }));
    const invitations = [{ email: 'ada@example.org', name: 'Ada', role: 'speaker' as const }];

    await expect(invitePeople('vmc2021', { invitations })).resolves.toEqual({ invited: 1, errors: [] });
    await importInvitations('vmc2021', 'email,name,role\nada@example.org,Ada,speaker\n');

    expect(sent(0)).toEqual({
      url: '/api/events/vmc2021/invitations',
      method: 'POST',
      csrf: '1',
      body: { invitations },
    });
    expect(sent(1)).toEqual({
      url: '/api/events/vmc2021/invitations/import',
      method: 'POST',
      csrf: '1',
      body: { csv: 'email,name,role\nada@example.org,Ada,speaker\n' },
    });
  });

  it('reads the refused rows of an import, in file order, and nothing from other errors', () => {
    const refused = new ApiRequestError(400, {
      code: 'core/validation-failed',
      message: 'nothing was imported',
      requestId: 'r',
      details: [{ row: 7, message: 'b' }, { row: 3, message: 'a' }, { path: 'csv', message: 'x' }, null],
    });
    expect(getImportRowErrors(refused)).toEqual([
      { row: 3, message: 'a' },
      { row: 7, message: 'b' },
    ]);
    expect(getImportRowErrors(new Error('offline'))).toEqual([]);
  });

  it('ends a person’s sessions with DELETE, and erases the account with the typed confirmation', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ ended: 2 }));
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));

    await expect(endPersonSessions('vmc2021', 'p-1')).resolves.toEqual({ ended: 2 });
    await expect(eraseMe()).resolves.toBeUndefined();

    expect(sent(0)).toMatchObject({
      url: '/api/events/vmc2021/people/p-1/sessions',
      method: 'DELETE',
      csrf: '1',
    });
    expect(sent(1)).toEqual({ url: '/api/me/erase', method: 'POST', csrf: '1', body: { confirm: 'ERASE' } });
  });

  it('builds the download addresses', () => {
    expect(registrationsCsvUrl('vmc 2021')).toBe('/api/events/vmc%202021/registrations.csv');
    expect(personalDataExportUrl).toBe('/api/me/export');
  });
});
