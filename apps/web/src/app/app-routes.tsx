import { programmeRoutes } from '@plenary/web-feature-programme';
import type { RouteObject } from 'react-router';
import { NotFoundPage } from './not-found-page';
import { RootLayout } from './root-layout';
import { RouteErrorPage } from './route-error-page';

/** Every route of the web app, under the one root layout. */
export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [...programmeRoutes, { path: '*', element: <NotFoundPage /> }],
  },
];
