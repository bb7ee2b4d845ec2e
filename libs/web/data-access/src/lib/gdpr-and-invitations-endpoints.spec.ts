import { endPersonSessions } from './end-person-sessions';
import { eraseMe } from './erase-me';
import { personalDataExportUrl } from './export-personal-data';
import { registrationsCsvUrl } from './export-registrations-csv';
import { importInvitations } from './import-invitations';
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
      contentType: new Headers(init?.headers).get('content-type'),
      body: init?.body,
    };
  };

  it('posts invitations as JSON and uploads a CSV import as text/csv, both with the CSRF header', async () => {
    const csv = 'email,name,role\nada@example.org,Ada,speaker\n';
    const queued = {
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'invitations',
      fileName: 'people.csv',
      status: 'queued',
      totalRows: 1,
      processedRows: 0,
      invited: 0,
      peopleCreated: 0,
      duplicates: 0,
      errorRows: 0,
      failure: null,
      createdAt: '2026-01-01T10:00:00.000Z',
      finishedAt: null,
      issues: [],
      issuesTruncated: false,
    };
    fetchMock.mockResolvedValueOnce(jsonResponse({ invited: 1, errors: [] }));
    fetchMock.mockResolvedValueOnce(jsonResponse(queued, 202));
    const invitations = [{ email: 'ada@example.org', name: 'Ada', role: 'speaker' as const }];

    await expect(invitePeople('vmc2021', { invitations })).resolves.toEqual({ invited: 1, errors: [] });
    await expect(importInvitations('vmc2021', csv, 'people 1.csv')).resolves.toEqual(queued);

    expect(sent(0)).toEqual({
      url: '/api/events/vmc2021/invitations',
      method: 'POST',
      csrf: '1',
      contentType: 'application/json',
      body: JSON.stringify({ invitations }),
    });
    expect(sent(1)).toEqual({
      url: '/api/events/vmc2021/invitations/import?fileName=people%201.csv',
      method: 'POST',
      csrf: '1',
      contentType: 'text/csv',
      body: csv,
    });
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
    expect(sent(1)).toEqual({
      url: '/api/me/erase',
      method: 'POST',
      csrf: '1',
      contentType: 'application/json',
      body: JSON.stringify({ confirm: 'ERASE' }),
    });
  });

  it('builds the download addresses', () => {
    expect(registrationsCsvUrl('vmc 2021')).toBe('/api/events/vmc%202021/registrations.csv');
    expect(personalDataExportUrl).toBe('/api/me/export');
  });
});
