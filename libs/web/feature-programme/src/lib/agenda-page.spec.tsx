import type { Me, MyAgenda, Session } from '@plenary/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';

const ME: Me = {
  person: { id: '0b6f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b2c', name: 'Ada Lovelace', email: 'ada@example.org' },
  isAdmin: false,
  memberships: [
    {
      eventSlug: 'vmc2021',
      roles: ['attendee'],
      registration: { id: '1b6f3c2a-1d4e-4f5a-8b6c-7d8e9f0a1b2c', status: 'approved', attendance: 'remote' },
    },
  ],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (code: string, status: number) =>
  json({ error: { code, message: 'Refused', requestId: 'r-1' } }, status);

/**
 * A fake API that keeps the stars: GET the event, me, my agenda; PUT/DELETE stars change what the agenda answers;
 * POST/DELETE the feed.
 */
function fakeAgendaApi(options: { me?: Me | null; agendaRefusal?: string; starred?: Session[] } = {}) {
  const starred = new Map((options.starred ?? []).map((session) => [session.id, session]));
  let feed: MyAgenda['feed'] = null;
  const calls: string[] = [];
  const all = Object.values(VMC_SESSIONS);
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.split('?')[0] ?? '';
    const method = (init?.method ?? 'GET').toUpperCase();
    calls.push(`${method} ${path}`);
    if (path === '/api/events/vmc2021') return json(VMC_EVENT);
    if (path === '/api/me')
      return options.me === null ? refusal('identity/unauthenticated', 401) : json(options.me ?? ME);
    if (path === '/api/events/vmc2021/my/agenda') {
      if (options.agendaRefusal) return refusal(options.agendaRefusal, 404);
      const sessions = all.filter((session) => starred.has(session.id));
      return json({ eventSlug: 'vmc2021', sessions, feed } satisfies MyAgenda);
    }
    const sessionPath = /^\/api\/events\/vmc2021\/sessions\/([^/]+)$/.exec(path);
    const session = all.find((candidate) => candidate.id === sessionPath?.[1]);
    if (session) return json(session);
    const star = /^\/api\/events\/vmc2021\/sessions\/([^/]+)\/star$/.exec(path);
    if (star?.[1]) {
      const session = all.find((candidate) => candidate.id === star[1]);
      if (method === 'PUT' && session) starred.set(session.id, session);
      if (method === 'DELETE') starred.delete(star[1]);
      return json({ sessionId: star[1], starred: method === 'PUT' });
    }
    if (path === '/api/events/vmc2021/my/agenda/feed') {
      if (method === 'DELETE') {
        feed = null;
        return new Response(null, { status: 204 });
      }
      feed = { createdAt: '2026-12-07T19:00:00.000Z' };
      return json({ ...feed, url: 'http://localhost:4200/api/calendar/agenda/secret-token.ics' }, 201);
    }
    return refusal('core/not-found', 404);
  });
  return { spy, calls, starred };
}

describe('Stars and My agenda', () => {
  afterEach(() => jest.restoreAllMocks());

  it('stars a session from the programme with an aria-pressed toggle', async () => {
    const api = fakeAgendaApi();
    renderRoute('/e/vmc2021/programme?day=2021-10-19');
    const name = `Add “${VMC_SESSIONS.afghanistan.title}” to my agenda`;
    const button = await screen.findByRole('button', { name });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    await waitFor(() =>
      expect(screen.getByRole('button', { name }).getAttribute('aria-pressed')).toBe('true'),
    );
    expect(api.calls).toContain(`PUT /api/events/vmc2021/sessions/${VMC_SESSIONS.afghanistan.id}/star`);
    expect(api.starred.has(VMC_SESSIONS.afghanistan.id)).toBe(true);
  });

  it('shows no star to people who do not keep an agenda', async () => {
    fakeAgendaApi({ agendaRefusal: 'registration/not-registered' });
    renderRoute('/e/vmc2021/programme?day=2021-10-19');
    await screen.findByRole('heading', { name: VMC_SESSIONS.afghanistan.title });
    await waitFor(() => expect(screen.queryAllByRole('button', { pressed: false })).toHaveLength(0));
  });

  it('lists my agenda by day and unstars from it', async () => {
    fakeAgendaApi({ starred: [VMC_SESSIONS.closing, VMC_SESSIONS.afghanistan] });
    renderRoute('/e/vmc2021/agenda');
    const days = await screen.findAllByRole('heading', { level: 2, name: /October/ });
    expect(days.map((day) => day.textContent)).toEqual(['Tuesday 19 October', 'Wednesday 20 October']);
    expect(screen.getByText(/The sessions you starred, in Vienna time/)).toBeTruthy();
    const first = screen.getByRole('list', { name: 'Sessions on Tuesday 19 October' });
    expect(within(first).getByRole('heading', { name: VMC_SESSIONS.afghanistan.title })).toBeTruthy();
    fireEvent.click(
      within(first).getByRole('button', { name: `Add “${VMC_SESSIONS.afghanistan.title}” to my agenda` }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('heading', { name: VMC_SESSIONS.afghanistan.title })).toBeNull(),
    );
    expect(screen.getByRole('heading', { name: VMC_SESSIONS.closing.title })).toBeTruthy();
  });

  it('says so when the agenda is empty, and creates, replaces and turns off the calendar address', async () => {
    const api = fakeAgendaApi();
    renderRoute('/e/vmc2021/agenda');
    expect(await screen.findByRole('heading', { name: 'Your agenda is empty' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Browse the programme' }).getAttribute('href')).toBe(
      '/e/vmc2021/programme',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create my calendar address' }));
    const field = await screen.findByRole<HTMLInputElement>('textbox', {
      name: 'Your private calendar address',
    });
    expect(field.value).toBe('http://localhost:4200/api/calendar/agenda/secret-token.ics');
    expect(screen.getByRole('link', { name: 'Open in your calendar app' }).getAttribute('href')).toBe(
      'webcal://localhost:4200/api/calendar/agenda/secret-token.ics',
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Turn the address off' }));
    expect(await screen.findByText('Your calendar address is turned off.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Your private calendar address' })).toBeNull();
    expect(api.calls).toContain('DELETE /api/events/vmc2021/my/agenda/feed');
    expect(
      screen.getByRole('link', { name: 'Add the programme to your calendar (.ics)' }).getAttribute('href'),
    ).toBe('/api/events/vmc2021/calendar.ics');
  });

  it('asks people who are signed out to sign in, and people not registered to register', async () => {
    fakeAgendaApi({ me: null });
    const view = renderRoute('/e/vmc2021/agenda');
    expect(await screen.findByRole('heading', { name: 'Sign in to keep your agenda' })).toBeTruthy();
    view.unmount();
    jest.restoreAllMocks();
    fakeAgendaApi({ agendaRefusal: 'registration/not-registered' });
    renderRoute('/e/vmc2021/agenda');
    expect(
      await screen.findByRole('heading', { name: 'Your agenda opens with your registration' }),
    ).toBeTruthy();
  });

  it('offers the session as a calendar file on its page', async () => {
    fakeAgendaApi();
    renderRoute(`/e/vmc2021/sessions/${VMC_SESSIONS.afghanistan.id}`);
    const link = await screen.findByRole('link', { name: 'Add to calendar (.ics)' });
    expect(link.getAttribute('href')).toBe(
      `/api/events/vmc2021/sessions/${VMC_SESSIONS.afghanistan.id}/calendar.ics`,
    );
    expect(
      await screen.findByRole('button', {
        name: /^Add to my agenda\s*: “Opening session: Addressing displacement/,
      }),
    ).toBeTruthy();
  });
});
