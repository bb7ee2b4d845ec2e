import { render } from '@testing-library/react';
import { createInstance } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Outlet, RouterProvider, createMemoryRouter } from 'react-router';
import { ConsentBanner } from '../lib/consent-banner';
import { ConsentProvider } from '../lib/consent-context';
import { CONSENT_NAMESPACE, consentResources } from '../lib/consent-i18n';
import { consentRoutes } from '../lib/consent-routes';

export const FIXED_NOW = new Date('2021-10-19T08:30:00Z');

/**
 * Renders `page` at `/` (and the privacy settings route) inside a page frame with a `main`, under a
 * `ConsentProvider` on the real localStorage and the consent banner, as the app mounts them.
 */
export function renderWithConsent(page: ReactNode, { path = '/' }: { path?: string } = {}) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [CONSENT_NAMESPACE],
    defaultNS: CONSENT_NAMESPACE,
    resources: { en: { [CONSENT_NAMESPACE]: consentResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const frame = (
    <ConsentProvider now={() => FIXED_NOW}>
      <main tabIndex={-1}>
        <Outlet />
      </main>
      <ConsentBanner />
    </ConsentProvider>
  );
  const router = createMemoryRouter(
    [{ path: '/', element: frame, children: [{ index: true, element: page }, ...consentRoutes] }],
    { initialEntries: [path] },
  );
  const view = render(
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>,
  );
  return { ...view, router };
}
