import { createQueryClient } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { Outlet, RouterProvider, createMemoryRouter } from 'react-router';
import { ACCESS_NAMESPACE, accessResources } from '../lib/access-i18n';
import { accessEventRoutes, createAccessRoutes } from '../lib/access-routes';

/**
 * Renders the access routes at `path` with a real QueryClient, i18n instance and memory router. Event pages sit
 * under a bare `e/:slug` route (the app puts them under the programme's event layout); `e/:slug/programme`
 * stands in for a page elsewhere.
 */
export function renderAccessRoute(path: string) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [ACCESS_NAMESPACE],
    defaultNS: ACCESS_NAMESPACE,
    resources: { en: { [ACCESS_NAMESPACE]: accessResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      {
        path: '/',
        children: [
          {
            path: 'e/:slug',
            element: <Outlet />,
            children: [...accessEventRoutes, { path: 'programme', element: <h1>Programme</h1> }],
          },
          ...createAccessRoutes({ accountSettings: <p>Consent settings slot</p> }),
        ],
      },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...view, router, queryClient };
}
