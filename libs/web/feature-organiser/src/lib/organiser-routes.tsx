import type { RouteObject } from 'react-router';
import { OrganiserPage } from './organiser-page';

/** Pages within an event, to mount under the programme's `e/:slug` route: the organiser console. */
export const organiserEventRoutes: RouteObject[] = [{ path: 'organiser', element: <OrganiserPage /> }];
