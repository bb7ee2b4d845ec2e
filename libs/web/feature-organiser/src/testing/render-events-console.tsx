import { createQueryClient } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Outlet, RouterProvider, createMemoryRouter } from 'react-router';
import { ORGANISER_NAMESPACE, organiserResources } from '../lib/organiser-i18n';
import { organiserEventRoutes, organiserRoutes } from '../lib/organiser-routes';

export interface RecordedCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer = { status?: number; body?: unknown };

/**
 * Replaces `fetch` with answers keyed `"METHOD /api/path"` (a function gets the call); unknown routes get the API's
 * 404 envelope. Every call is recorded with its headers (If-Match) and body.
 */
export function fakeConsoleApi(routes: Record<string, Answer | ((call: RecordedCall) => Answer)>) {
  const calls: RecordedCall[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call: RecordedCall = {
      method: init?.method ?? 'GET',
      path: url.split('?')[0] ?? '',
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (!answer)
      return new Response(
        JSON.stringify({ error: { code: 'core/not-found', message: 'No route', requestId: 't' } }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      );
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

/** Renders `/manage`, `/manage/new` and the organiser pages of `e/:slug` at `path`. */
export function renderEventsConsole(path: string) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [ORGANISER_NAMESPACE],
    defaultNS: ORGANISER_NAMESPACE,
    resources: { en: { [ORGANISER_NAMESPACE]: organiserResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const router = createMemoryRouter(
    [
      {
        path: '/',
        children: [
          ...organiserRoutes,
          { path: 'e/:slug', element: <Outlet />, children: organiserEventRoutes },
        ],
      },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...view, router };
}
