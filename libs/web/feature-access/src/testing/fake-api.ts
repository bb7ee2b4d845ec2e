export interface FakeApiResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeApiCall {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/**
 * Replaces `fetch` with a fake API answering from `routes`, keyed `"METHOD /api/path"` or just `"/api/path"`
 * (any method; the query string is ignored). Unknown routes get the API's 404 envelope. Every call is recorded.
 */
export function mockApi(routes: Record<string, FakeApiResponse>) {
  const calls: FakeApiCall[] = [];
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.split('?')[0] ?? '';
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path, headers: new Headers(init?.headers), body });
    const route = routes[`${method} ${path}`] ??
      routes[path] ?? {
        status: 404,
        body: { error: { code: 'core/not-found', message: `No route ${path}`, requestId: 'test-404' } },
      };
    const status = route.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(route.body ?? {}), {
      status,
      headers: { 'content-type': 'application/json', ...route.headers },
    });
  });
  return {
    spy,
    calls,
    callsTo: (method: string, path: string) =>
      calls.filter((call) => call.method === method && call.path === path),
  };
}

/** The API's error envelope. */
export function apiError(status: number, code: string, details?: unknown): FakeApiResponse {
  return { status, body: { error: { code, message: `${code} (test)`, requestId: 'test-req', details } } };
}
