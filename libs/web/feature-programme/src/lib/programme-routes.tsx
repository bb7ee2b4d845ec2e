import type { RouteObject } from 'react-router';
import { AgendaPage } from './agenda-page';
import { MySessionsPage } from './my-sessions-page';
import { EventHeader } from './event-header';
import type { HeaderRouteHandle } from './event-header';
import { EventHomePage } from './event-home-page';
import { EventLayout } from './event-layout';
import { EventListPage } from './event-list-page';
import { ProgrammePage } from './programme-page';
import { SessionPage } from './session-page';
import { SpeakersPage } from './speakers-page';

/**
 * The programme's routes, to mount under the app's root route: `/` and `/e/:slug/*`, with `eventRoutes` (other
 * features' pages of an event, such as registration) added under `/e/:slug`, inside the event's layout. Routes
 * may carry a `HeaderRouteHandle`; the app's layout shows it in the site header (`findRouteHeader`).
 */
export function createProgrammeRoutes(eventRoutes: RouteObject[] = []): RouteObject[] {
  return [
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
        { path: 'agenda', element: <AgendaPage /> },
        { path: 'my-sessions', element: <MySessionsPage /> },
        ...eventRoutes,
      ],
    },
  ];
}

/** The programme's own routes, without other features' event pages. */
export const programmeRoutes: RouteObject[] = createProgrammeRoutes();
