import { createQueryClient } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Outlet, RouterProvider, createMemoryRouter } from 'react-router';
import { ORGANISER_NAMESPACE, organiserResources } from '../lib/organiser-i18n';
import { organiserEventRoutes } from '../lib/organiser-routes';

/** Renders the organiser routes at `path` under a bare `e/:slug` route, with real QueryClient, i18n and router. */
export function renderOrganiserRoute(path: string) {
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
    [{ path: '/', children: [{ path: 'e/:slug', element: <Outlet />, children: organiserEventRoutes }] }],
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
