import {
  agendaFeedSchema,
  entityIdSchema,
  eventSlugSchema,
  myAgendaSchema,
  sessionStarSchema,
} from '@plenary/contracts';
import { z } from 'zod';
import type { RouteDoc } from './openapi';

const slug = { slug: eventSlugSchema };
const sessionIds = { slug: eventSlugSchema, sessionId: entityIdSchema };

/** The personal agenda and the iCalendar files (issue #12); `ROUTES` in openapi.ts includes them. */
export const AGENDA_ROUTES: RouteDoc[] = [
  {
    method: 'put',
    path: '/events/{slug}/sessions/{sessionId}/star',
    summary: 'Star a session: add it to my agenda (registered people and the team; idempotent)',
    tag: 'agenda',
    access: 'session',
    params: sessionIds,
    response: sessionStarSchema,
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'delete',
    path: '/events/{slug}/sessions/{sessionId}/star',
    summary: 'Remove a session from my agenda (idempotent)',
    tag: 'agenda',
    access: 'session',
    params: sessionIds,
    response: sessionStarSchema,
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'get',
    path: '/events/{slug}/my/agenda',
    summary: 'My agenda: the sessions I starred, in start order, and whether my calendar feed is on',
    tag: 'agenda',
    access: 'session',
    params: slug,
    response: myAgendaSchema,
    errors: [401, 403, 404],
  },
  {
    method: 'post',
    path: '/events/{slug}/my/agenda/feed',
    summary: 'Create my private calendar feed address (replaces any previous one; shown once, kept hashed)',
    tag: 'agenda',
    access: 'session',
    params: slug,
    response: agendaFeedSchema,
    status: 201,
    errors: [401, 403, 404, 429],
  },
  {
    method: 'delete',
    path: '/events/{slug}/my/agenda/feed',
    summary: 'Turn my calendar feed off (its address answers 404 from now on)',
    tag: 'agenda',
    access: 'session',
    params: slug,
    status: 204,
    errors: [401, 404, 429],
  },
  {
    method: 'get',
    path: '/events/{slug}/calendar.ics',
    summary:
      'The public programme as iCalendar (text/calendar; registered-only sessions without their abstract; ETag/304)',
    tag: 'agenda',
    params: slug,
    conditionalGet: true,
    errors: [308, 400, 404, 429],
  },
  {
    method: 'get',
    path: '/events/{slug}/sessions/{sessionId}/calendar.ics',
    summary: 'One session as iCalendar (text/calendar; ETag/304)',
    tag: 'agenda',
    params: sessionIds,
    conditionalGet: true,
    errors: [308, 400, 404, 429],
  },
  {
    method: 'get',
    path: '/calendar/agenda/{token}',
    summary:
      'A private agenda feed for calendar apps (`<token>.ics`; the token is the key; 404 once replaced or turned off; rate-limited)',
    tag: 'agenda',
    params: { token: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) },
    conditionalGet: true,
    errors: [400, 404, 429],
  },
];
