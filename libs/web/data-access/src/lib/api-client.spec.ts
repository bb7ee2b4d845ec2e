import type { EventList } from '@plenary/contracts';
import { ApiContractError, ApiNetworkError, ApiRequestError, apiGet, isApiClientError } from './api-client';
import { eventListSchema } from '@plenary/contracts';
import { getEvent } from './get-event';
import { getEvents } from './get-events';

const EVENT_LIST: EventList = {
  events: [
    {
      id: '3f1c1a52-0c65-4d8e-9d3e-6a4c2b7f0a11',
      slug: 'vmc2021',
      name: 'Re-imagining migration partnerships: challenges, opportunities and strategies',
      shortName: null,
      tagline: 'Vienna Migration Conference 2021',
      status: 'published',
      timeZone: 'Europe/Vienna',
      startDate: '2021-10-19',
      endDate: '2021-10-20',
      format: 'hybrid',
      venue: { name: 'Vienna', address: null, city: 'Vienna', country: 'Austria' },
      languages: ['en'],
      logoUrl: null,
      accentColor: null,
    },
  ],
};

function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
}

describe('apiGet', () => {
  let fetchMock: jest.SpiedFunction<typeof fetch>;

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(() => {
    fetchMock.mockRestore();
  });

  it('requests the path under /api on the same origin and returns the validated body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(EVENT_LIST));

    await expect(getEvents()).resolves.toEqual(EVENT_LIST);

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/events');
    expect(init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
  });

  it('encodes path parameters', async () => {
    fetchMock.mockResolvedValue(jsonResponse({}, { status: 404 }));

    await expect(getEvent('a/b?c')).rejects.toBeInstanceOf(ApiRequestError);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/events/a%2Fb%3Fc');
  });

  it('parses the error envelope into an ApiRequestError with status, code, message and request id', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        {
          error: {
            code: 'programme/event-not-found',
            message: 'No event with slug "nope"',
            requestId: 'req-123',
          },
        },
        { status: 404 },
      ),
    );

    const error = await getEvent('nope').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 404,
      code: 'programme/event-not-found',
      message: 'No event with slug "nope"',
      requestId: 'req-123',
      isClientError: true,
    });
    expect(isApiClientError(error)).toBe(true);
  });

  it('keeps the details of a validation error', async () => {
    const details = [{ path: 'slug', message: 'must be a lowercase slug' }];
    fetchMock.mockResolvedValue(
      jsonResponse(
        { error: { code: 'core/validation-failed', message: 'Invalid request', details, requestId: 'r-9' } },
        { status: 400 },
      ),
    );

    const error = await getEvent('Bad Slug').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 400, code: 'core/validation-failed', details });
  });

  it('maps a non-envelope error body to a code derived from the status', async () => {
    fetchMock.mockResolvedValue(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html', 'x-request-id': 'proxy-7' },
      }),
    );

    const error = await getEvents().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 502,
      code: 'core/unavailable',
      requestId: 'proxy-7',
      isClientError: false,
    });
    expect((error as ApiRequestError).message).toContain('502');
  });

  it('does not trust an envelope with an unknown code', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse({ error: { code: 'made/up', message: 'x', requestId: 'r' } }, { status: 404 }),
    );

    await expect(getEvents()).rejects.toMatchObject({ status: 404, code: 'core/not-found', requestId: null });
  });

  it('turns a failed connection into an ApiNetworkError that keeps the cause', async () => {
    const cause = new TypeError('fetch failed');
    fetchMock.mockRejectedValue(cause);

    const error = await getEvents().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect(error).not.toBeInstanceOf(ApiRequestError);
    expect((error as ApiNetworkError).cause).toBe(cause);
  });

  it('passes a cancellation through unchanged', async () => {
    const controller = new AbortController();
    const abortError = new DOMException('The operation was aborted.', 'AbortError');
    fetchMock.mockImplementation(() => {
      controller.abort();
      return Promise.reject(abortError);
    });

    await expect(getEvents({ signal: controller.signal })).rejects.toBe(abortError);
  });

  it('rejects a 2xx body that does not match the contract', async () => {
    fetchMock.mockResolvedValue(jsonResponse({ events: [{ slug: 'vmc2021' }] }));

    const error = await apiGet('/events', eventListSchema).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiContractError);
    expect((error as ApiContractError).issues.length).toBeGreaterThan(0);
  });
});
