import type { RouteObject } from 'react-router';
import { AttendancePage } from './attendance-page';
import { CreateEventPage } from './events/create-event-page';
import { EventSettingsPage } from './events/event-settings-page';
import { ManageEventsPage } from './events/manage-events-page';
import { OrganiserPage } from './organiser-page';
import { ProgrammeEditorPage } from './programme-editor/programme-editor-page';
import { ProgrammeInterchangePage } from './programme-interchange-page';

/** Pages within an event, to mount under the programme's `e/:slug` route: the organiser console and attendance. */
export const organiserEventRoutes: RouteObject[] = [
  { path: 'organiser', element: <OrganiserPage /> },
  { path: 'organiser/attendance', element: <AttendancePage /> },
  { path: 'organiser/event', element: <EventSettingsPage /> },
  { path: 'organiser/programme', element: <ProgrammeEditorPage /> },
  { path: 'organiser/import', element: <ProgrammeInterchangePage /> },
];

/** Pages outside any event, to mount under the app's root route: "Your events" and creating an event. */
export const organiserRoutes: RouteObject[] = [
  { path: 'manage', element: <ManageEventsPage /> },
  { path: 'manage/new', element: <CreateEventPage /> },
];
