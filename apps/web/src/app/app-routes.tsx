import { accessEventRoutes, createAccessRoutes } from '@plenary/web-feature-access';
import { checkinEventRoutes, checkinStaffRoutes } from '@plenary/web-feature-checkin';
import { ConsentSettings, consentRoutes } from '@plenary/web-feature-consent';
import { liveEventRoutes, liveScreenRoutes } from '@plenary/web-feature-live';
import { organiserEventRoutes, organiserRoutes } from '@plenary/web-feature-organiser';
import { createProgrammeRoutes } from '@plenary/web-feature-programme';
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
    children: [
      // Registration, ticket and organiser pages sit inside the event's layout (band, loading, not found).
      ...createProgrammeRoutes([
        ...accessEventRoutes,
        ...organiserEventRoutes,
        ...liveEventRoutes,
        ...checkinEventRoutes,
      ]),
      ...organiserRoutes,
      ...createAccessRoutes({ accountSettings: <ConsentSettings headingLevel={3} /> }),
      ...consentRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // The room projector fills the screen: no site header or footer.
  ...liveScreenRoutes.map((route) => ({ ...route, errorElement: <RouteErrorPage /> })),
  // The door staff's phone app (works offline, installable): its own full-screen frame.
  ...checkinStaffRoutes.map((route) => ({ ...route, errorElement: <RouteErrorPage /> })),
];
