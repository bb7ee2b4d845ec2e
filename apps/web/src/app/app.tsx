import { createQueryClient } from '@plenary/web-data-access';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { createI18n } from '../i18n/i18n';
import { appRoutes } from './app-routes';

/** The web app: i18n, server-state cache and router. */
export function App() {
  const [i18n] = useState(() => createI18n());
  const [queryClient] = useState(() => createQueryClient());
  const [router] = useState(() => createBrowserRouter(appRoutes));
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
