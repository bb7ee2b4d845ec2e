import type { RouteObject } from 'react-router';
import { AttendancePage } from './attendance-page';
import { OrganiserPage } from './organiser-page';
import { ProgrammeEditorPage } from './programme-editor/programme-editor-page';

/** Pages within an event, to mount under the programme's `e/:slug` route: the organiser console and attendance. */
export const organiserEventRoutes: RouteObject[] = [
  { path: 'organiser', element: <OrganiserPage /> },
  { path: 'organiser/attendance', element: <AttendancePage /> },
  { path: 'organiser/programme', element: <ProgrammeEditorPage /> },
];
