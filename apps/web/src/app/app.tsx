import { createQueryClient } from '@plenary/web-data-access';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider, createBrowserRouter } from 'react-router';
import { createI18n } from '../i18n/i18n';
import { appRoutes } from './app-routes';
import { CatchingUp } from './catching-up';

/** The web app: i18n, server-state cache and router. */
export function App() {
  const [i18n] = useState(() => createI18n());
  const [queryClient] = useState(() => createQueryClient());
  const [router] = useState(() => createBrowserRouter(appRoutes));
  return <AppProviders i18n={i18n} queryClient={queryClient} router={router} />;
}

export interface AppProvidersProps {
  i18n: I18n;
  queryClient: QueryClient;
  router: Parameters<typeof RouterProvider>[0]['router'];
}

/** The providers around the router, and what floats over every page (the catching-up notice). */
export function AppProviders({ i18n, queryClient, router }: AppProvidersProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
        <CatchingUp />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
