import type { Me } from '@plenary/contracts';
import { createQueryClient } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { StrictMode } from 'react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createMemoryRouter } from 'react-router';
import { CHECKIN_NAMESPACE, checkinResources } from '../lib/checkin-i18n';
import { StaffDependenciesContext } from '../lib/staff-dependencies';
import type { StaffDependencies } from '../lib/staff-dependencies';

export const STAFF_ME: Me = {
  person: {
    id: '5e0c2021-0000-4000-8000-000000000903',
    name: 'Demo Door Staff',
    email: 'staff@plenary.test',
  },
  isAdmin: false,
  memberships: [{ eventSlug: 'vmc2021', roles: ['staff'], registration: null }],
};

/** Answers `GET /api/me` with `me` (null: 401); any other request fails loudly. */
export function mockMe(me: Me | null) {
  return jest.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('/api/me')) {
      return me
        ? new Response(JSON.stringify(me), { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response(
            JSON.stringify({ error: { code: 'core/unauthenticated', message: 'no', requestId: 't' } }),
            { status: 401, headers: { 'content-type': 'application/json' } },
          );
    }
    throw new Error(`Unmocked fetch in a test: ${url}`);
  });
}

/** Renders `element` at `path` (matched by `route`) in StrictMode with the check-in strings, a QueryClient and fakes. */
export function renderCheckin(
  element: ReactElement,
  {
    deps,
    path = '/e/vmc2021/staff',
    route = '/e/:slug/staff',
  }: { deps: StaffDependencies; path?: string; route?: string },
) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [CHECKIN_NAMESPACE],
    defaultNS: CHECKIN_NAMESPACE,
    resources: { en: { [CHECKIN_NAMESPACE]: checkinResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const router = createMemoryRouter(
    [
      { path: route, element },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [path] },
  );
  // StrictMode as in the app (apps/web/src/main.tsx): effects run, clean up and run again.
  return render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={createQueryClient()}>
          <StaffDependenciesContext.Provider value={deps}>
            <RouterProvider router={router} />
          </StaffDependenciesContext.Provider>
        </QueryClientProvider>
      </I18nextProvider>
    </StrictMode>,
  );
}
