import type { RouteObject } from 'react-router';
import { AccessPage, RegisterPage } from './coming-soon-pages';
import { EventHeader } from './event-header';
import type { HeaderRouteHandle } from './event-header';
import { EventHomePage } from './event-home-page';
import { EventLayout } from './event-layout';
import { EventListPage } from './event-list-page';
import { ProgrammePage } from './programme-page';
import { SessionPage } from './session-page';
import { SpeakersPage } from './speakers-page';

/**
 * The programme's routes, to mount under the app's root route: `/` and `/e/:slug/*`. Routes may carry a
 * `HeaderRouteHandle`; the app's layout shows it in the site header (`findRouteHeader`).
 */
export const programmeRoutes: RouteObject[] = [
  { index: true, element: <EventListPage /> },
  {
    path: 'e/:slug',
    element: <EventLayout />,
    handle: { header: <EventHeader /> } satisfies HeaderRouteHandle,
    children: [
      { index: true, element: <EventHomePage /> },
      { path: 'programme', element: <ProgrammePage /> },
      { path: 'sessions/:sessionId', element: <SessionPage /> },
      { path: 'speakers', element: <SpeakersPage /> },
      { path: 'register', element: <RegisterPage /> },
      { path: 'access', element: <AccessPage /> },
    ],
  },
];
