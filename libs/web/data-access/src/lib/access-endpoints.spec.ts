import { ApiRequestError, parseRetryAfter } from './api-client';
import { createRegistration } from './create-registration';
import { getMe } from './get-me';
import { getRegistrations } from './get-registrations';
import { signOut } from './sign-out';

function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

const REGISTRATION = {
  name: 'Ada Muster',
  email: 'ada@example.org',
  organisation: 'Ministry',
  jobTitle: 'Adviser',
  country: 'AT',
  attendance: 'remote',
  consents: { privacyNotice: true, photoRecording: false },
} as const;

describe('access endpoints', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => fetchMock.mockRestore());

  it('sends state-changing requests as JSON with the CSRF header, and GETs without it', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 'accepted', message: 'ok' }, { status: 202 }));
    fetchMock.mockResolvedValueOnce(
      jsonResponse({
        items: [],
        total: 0,
        counts: { pending: 0, approved: 0, waitlisted: 0, rejected: 0, cancelled: 0 },
      }),
    );

    await createRegistration('vmc2021', REGISTRATION);
    await getRegistrations('vmc2021', { q: 'ada', status: 'pending', limit: 25, offset: 0 });

    const [postUrl, postInit] = fetchMock.mock.calls[0] ?? [];
    expect(postUrl).toBe('/api/events/vmc2021/registrations');
    expect(postInit).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    const postHeaders = new Headers(postInit?.headers);
    expect(postHeaders.get('x-plenary-csrf')).toBe('1');
    expect(postHeaders.get('content-type')).toBe('application/json');
    expect(JSON.parse(postInit?.body as string)).toEqual(REGISTRATION);

    const [getUrl, getInit] = fetchMock.mock.calls[1] ?? [];
    expect(getUrl).toBe('/api/events/vmc2021/registrations?q=ada&status=pending&limit=25&offset=0');
    expect(new Headers(getInit?.headers).has('x-plenary-csrf')).toBe(false);
  });

  it('reads a 204 as nothing', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));

    await expect(signOut()).resolves.toBeUndefined();
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('x-plenary-csrf')).toBe('1');
  });

  it('treats 401 on /me as signed out, and other failures as errors', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        { error: { code: 'identity/unauthenticated', message: 'Sign in', requestId: 'r' } },
        { status: 401 },
      ),
    );
    await expect(getMe()).resolves.toBeNull();

    fetchMock.mockResolvedValueOnce(
      jsonResponse({ error: { code: 'core/unavailable', message: 'Down', requestId: 'r' } }, { status: 503 }),
    );
    await expect(getMe()).rejects.toBeInstanceOf(ApiRequestError);
  });

  it('puts the Retry-After seconds of a 429 on the error', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        { error: { code: 'core/rate-limited', message: 'Too many requests', requestId: 'r-429' } },
        { status: 429, headers: { 'Retry-After': '42' } },
      ),
    );

    const error = await createRegistration('vmc2021', REGISTRATION).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 429, code: 'core/rate-limited', retryAfterSeconds: 42 });
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, and gives up on anything else', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
