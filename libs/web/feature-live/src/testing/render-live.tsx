import { createQueryClient } from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { LIVE_NAMESPACE, liveResources } from '../lib/live-i18n';

/** Renders a live component with this feature's English strings and a fresh QueryClient. */
export function renderLive(element: ReactElement) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [LIVE_NAMESPACE],
    defaultNS: LIVE_NAMESPACE,
    resources: { en: { [LIVE_NAMESPACE]: liveResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  return render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={createQueryClient()}>{element}</QueryClientProvider>
    </I18nextProvider>,
  );
}
