import type { RouteObject } from 'react-router';
import { BigScreenPage } from './big-screen-page';
import { ModeratorConsolePage } from './moderator-console-page';

/** Pages within an event, to mount under the programme's `e/:slug` route (inside the event's layout). */
export const liveEventRoutes: RouteObject[] = [
  { path: 'sessions/:sessionId/moderate', element: <ModeratorConsolePage /> },
];

/** Full-screen pages without the site's frame, to mount at the top level: the room projector. */
export const liveScreenRoutes: RouteObject[] = [
  { path: '/e/:slug/sessions/:sessionId/screen', element: <BigScreenPage /> },
];
