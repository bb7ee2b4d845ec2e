import {
  LiveConnectionContext,
  ProgrammeUpdatesContext,
  createFakeProgrammeUpdates,
  createQueryClient,
} from '@plenary/web-data-access';
import type { LiveConnection, ProgrammeUpdates } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import type { ComponentType } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { EmbedContext } from '../lib/embed-context';
import type { EmbedProps } from '../lib/embed-context';
import { PROGRAMME_NAMESPACE, programmeResources } from '../lib/programme-i18n';
import { programmeRoutes } from '../lib/programme-routes';
import { SessionPanelContext } from '../lib/session-panel-context';
import type { SessionPanelProps } from '../lib/session-panel-context';
import { ViewerTimeZoneContext } from '../lib/viewer-time-zone-context';

export interface FakeApiResponse {
  status?: number;
  body: unknown;
}

/**
 * Replaces `fetch` with a fake API answering from `routes` (path without query → response). Unknown paths get
 * the API's 404 envelope. Returns the spy to inspect calls; restore it with `mockRestore()`.
 */
export function mockApi(routes: Record<string, FakeApiResponse>): jest.SpiedFunction<typeof fetch> {
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.split('?')[0] ?? '';
    const route = routes[path] ?? {
      status: 404,
      body: { error: { code: 'core/not-found', message: `No route ${path}`, requestId: 'test-404' } },
    };
    return new Response(JSON.stringify(route.body), {
      status: route.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  });
}

export interface RenderRouteOptions {
  /** The viewer's IANA time zone (default: the event's, Europe/Vienna). */
  viewerTimeZone?: string;
  /** The component that renders third-party frames, as the app provides it (default: none). */
  embed?: ComponentType<EmbedProps>;
  /** The panel beside a session's stage, as the app provides it (default: none). */
  panel?: ComponentType<SessionPanelProps>;
  /** The live connection (default: none provided, so the tab's shared one). */
  liveConnection?: LiveConnection;
  /** Programme updates (default: over a fake socket that never connects). */
  programmeUpdates?: ProgrammeUpdates;
}

/** Renders the programme routes at `path` with a real QueryClient, i18n instance and memory router. */
export function renderRoute(
  path: string,
  {
    viewerTimeZone = 'Europe/Vienna',
    embed,
    panel,
    liveConnection,
    programmeUpdates = createFakeProgrammeUpdates().updates,
  }: RenderRouteOptions = {},
) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [PROGRAMME_NAMESPACE],
    defaultNS: PROGRAMME_NAMESPACE,
    resources: { en: { [PROGRAMME_NAMESPACE]: programmeResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const queryClient = createQueryClient();
  const router = createMemoryRouter([{ path: '/', children: programmeRoutes }], { initialEntries: [path] });
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ViewerTimeZoneContext.Provider value={viewerTimeZone}>
          <EmbedContext.Provider value={embed}>
            <SessionPanelContext.Provider value={panel}>
              <LiveConnectionContext.Provider value={liveConnection}>
                <ProgrammeUpdatesContext.Provider value={programmeUpdates}>
                  <RouterProvider router={router} />
                </ProgrammeUpdatesContext.Provider>
              </LiveConnectionContext.Provider>
            </SessionPanelContext.Provider>
          </EmbedContext.Provider>
        </ViewerTimeZoneContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...view, router, queryClient };
}
