import {
  createSessionRequestSchema,
  toValidationIssues,
  updateSessionRequestSchema,
} from '@plenary/contracts';
import type {
  ManagedEvent,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  ProgrammeWarning,
} from '@plenary/contracts';
import { EVENT, ORGANISER, json } from './organiser-api';

export interface EditorCall {
  method: string;
  path: string;
  body: unknown;
  ifMatch: string | null;
}

export const MANAGED_EVENT: ManagedEvent = (() => {
  const { rooms: _rooms, days: _days, speakers: _speakers, ...rest } = EVENT;
  return {
    ...rest,
    version: 1,
    programmeVersion: 1,
    createdAt: '2021-09-01T10:00:00Z',
    updatedAt: '2021-09-01T10:00:00Z',
  };
})();

export const HALL: ManagedRoom = {
  id: '20000000-0000-4000-8000-000000000001',
  name: 'Plenary hall',
  capacity: 300,
  videoMode: 'livekit',
  externalStreamUrl: null,
  order: 0,
  version: 1,
};
export const BREAKOUT: ManagedRoom = {
  ...HALL,
  id: '20000000-0000-4000-8000-000000000002',
  name: 'Breakout A',
  order: 1,
};

export const SPEAKER: ManagedSpeaker = {
  id: '30000000-0000-4000-8000-000000000001',
  name: 'Ada Lovelace',
  honorific: 'Dr',
  title: 'Analyst',
  organisation: 'Analytical Engines',
  country: 'UK',
  bio: null,
  bioHtml: null,
  photoUrl: null,
  photo: null,
  externalId: null,
  order: 0,
  version: 1,
};

export function managedSession(overrides: Partial<ManagedSession> = {}): ManagedSession {
  const startsLocal = overrides.startsLocal ?? '2021-10-19T09:00';
  const endsLocal = overrides.endsLocal ?? '2021-10-19T10:00';
  return {
    id: '40000000-0000-4000-8000-000000000001',
    eventSlug: 'vmc2021',
    kind: 'talk',
    title: 'Opening remarks',
    abstract: null,
    abstractHtml: null,
    startsAt: `${startsLocal}:00+02:00`,
    endsAt: `${endsLocal}:00+02:00`,
    startsLocal,
    endsLocal,
    day: startsLocal.slice(0, 10),
    room: HALL.name,
    roomId: HALL.id,
    state: 'scheduled',
    visibility: 'public',
    cancelled: false,
    qaEnabled: true,
    pollsEnabled: true,
    speakers: [],
    confidential: false,
    externalId: null,
    version: 1,
    ...overrides,
  };
}

export interface ProgrammeEditorApiOptions {
  sessions?: ManagedSession[];
  warnings?: ProgrammeWarning[];
  /** Answers of `DELETE …/sessions/:id`: 204 unless the session has activity. */
  sessionHasActivity?: boolean;
  /** Sessions must lie within these days (`programme/outside-event` otherwise), as the server checks. */
  eventDays?: [string, string];
}

/**
 * Replaces `fetch` with a small, stateful programme editor API of `vmc2021` (two rooms, one speaker): sessions
 * carry versions, `PATCH` checks `If-Match` (428 / 412 with `details.current`) and the request schema (400), like
 * the server. `state.sessions` can be changed by a test to play "someone else saved first".
 */
export function mockProgrammeEditorApi(options: ProgrammeEditorApiOptions = {}) {
  const state = {
    sessions: new Map((options.sessions ?? [managedSession()]).map((session) => [session.id, session])),
    warnings: options.warnings ?? [],
  };
  const calls: EditorCall[] = [];
  const [firstDay, lastDay] = options.eventDays ?? [EVENT.startDate, EVENT.endDate];
  const error = (status: number, code: string, message: string, details?: unknown) =>
    json({ error: { code, message, requestId: 'test', details } }, status);
  const outside = (startsLocal: string, endsLocal: string) =>
    startsLocal.slice(0, 10) < firstDay || endsLocal.slice(0, 10) > lastDay
      ? error(400, 'programme/outside-event', 'The session must take place within the event’s dates.', [
          { path: 'startsLocal', message: 'is before the event starts' },
        ])
      : null;
  const roomName = (id: string | null) => [HALL, BREAKOUT].find((room) => room.id === id)?.name ?? null;

  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const headers = new Headers(init?.headers);
    const path = url.split('?')[0] ?? '';
    calls.push({ method, path, body, ifMatch: headers.get('if-match') });

    if (path === '/api/events/vmc2021') return json(EVENT);
    if (path === '/api/me') return json(ORGANISER);
    if (path === '/api/events/vmc2021/programme' && method === 'GET') {
      return json({
        event: MANAGED_EVENT,
        rooms: [HALL, BREAKOUT],
        speakers: [SPEAKER],
        sessions: [...state.sessions.values()],
        warnings: state.warnings,
      });
    }
    if (path === '/api/events/vmc2021/programme/sessions' && method === 'POST') {
      const parsed = createSessionRequestSchema.safeParse(body);
      if (!parsed.success) {
        return error(400, 'core/validation-failed', 'Invalid request', toValidationIssues(parsed.error));
      }
      const refused = outside(parsed.data.startsLocal, parsed.data.endsLocal);
      if (refused) return refused;
      const session = managedSession({
        ...parsed.data,
        id: `40000000-0000-4000-8000-${String(state.sessions.size + 1).padStart(12, '0')}`,
        room: roomName(parsed.data.roomId),
        speakers: parsed.data.speakers.map((link) => ({ role: link.role, speaker: SPEAKER })),
      });
      state.sessions.set(session.id, session);
      return json({ session, warnings: [] }, 201);
    }
    const match = /^\/api\/events\/vmc2021\/programme\/sessions\/([^/]+)(\/cancel)?$/.exec(path);
    const current = match ? state.sessions.get(match[1] ?? '') : undefined;
    if (match && current) {
      if (method === 'PATCH') {
        const ifMatch = headers.get('if-match');
        if (ifMatch === null) return error(428, 'programme/precondition-required', 'Send If-Match');
        if (ifMatch !== `"${current.version}"`) {
          return error(412, 'programme/version-conflict', 'Someone else changed it', { current });
        }
        const parsed = updateSessionRequestSchema.safeParse(body);
        if (!parsed.success) {
          return error(400, 'core/validation-failed', 'Invalid request', toValidationIssues(parsed.error));
        }
        const patch = parsed.data;
        const startsLocal = patch.startsLocal ?? current.startsLocal;
        const endsLocal = patch.endsLocal ?? current.endsLocal;
        const refused = outside(startsLocal, endsLocal);
        if (refused) return refused;
        const roomId = patch.roomId === undefined ? current.roomId : patch.roomId;
        const { speakers: links, externalId: _externalId, ...fields } = patch;
        const next = managedSession({
          ...current,
          ...fields,
          startsLocal,
          endsLocal,
          roomId,
          room: roomName(roomId),
          speakers: links ? links.map((link) => ({ role: link.role, speaker: SPEAKER })) : current.speakers,
          version: current.version + 1,
        });
        state.sessions.set(next.id, next);
        return json({ session: next, warnings: [] });
      }
      if (method === 'POST' && match[2]) {
        const next = { ...current, cancelled: true, version: current.version + 1 };
        state.sessions.set(next.id, next);
        return json({ session: next, warnings: [] });
      }
      if (method === 'DELETE') {
        if (options.sessionHasActivity) {
          return error(
            409,
            'programme/session-has-activity',
            'This session has questions, polls or attendance; cancel it instead.',
          );
        }
        state.sessions.delete(current.id);
        return new Response(null, { status: 204 });
      }
    }
    return error(404, 'core/not-found', 'No route');
  });
  return { calls, state };
}
