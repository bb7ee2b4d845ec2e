import { useEffect } from 'react';
import type { RouteObject } from 'react-router';
import { useNavigate } from 'react-router';
import { BadgePage } from './badge-page';
import { OrganiserCheckinPage } from './organiser-checkin-page';
import { LAST_STAFF_EVENT_KEY, StaffAppPage } from './staff-app-page';

/** `/staff`: the installed app's start page; opens the staff app of the event this phone was last used at. */
export function StaffStartPage() {
  const navigate = useNavigate();
  useEffect(() => {
    let slug: string | null = null;
    try {
      slug = localStorage.getItem(LAST_STAFF_EVENT_KEY);
    } catch {
      slug = null;
    }
    void navigate(slug && /^[a-z0-9-]+$/.test(slug) ? `/e/${slug}/staff` : '/', { replace: true });
  }, [navigate]);
  return null;
}

/** Full-screen phone pages without the site's frame, to mount at the top level: the staff app and badges. */
export const checkinStaffRoutes: RouteObject[] = [
  { path: '/staff', element: <StaffStartPage /> },
  { path: '/e/:slug/staff', element: <StaffAppPage /> },
  { path: '/e/:slug/staff/badge/:registrationId', element: <BadgePage /> },
];

/** Pages within an event, to mount under the programme's `e/:slug` route: the organiser's check-in page. */
export const checkinEventRoutes: RouteObject[] = [
  { path: 'organiser/checkin', element: <OrganiserCheckinPage /> },
];
