import type { ManagedEvent, ManagedEventSummary, Me } from '@plenary/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EVENT, ORGANISER } from '../../testing/organiser-api';
import { fakeConsoleApi, renderEventsConsole } from '../../testing/render-events-console';

const ADMIN: Me = {
  person: { id: '00000000-0000-4000-8000-0000000000ad', name: 'Ada Admin', email: 'admin@plenary.test' },
  isAdmin: true,
  memberships: [],
};

const MANAGED: ManagedEvent = {
  ...(({ days: _d, speakers: _s, rooms: _r, ...rest }) => rest)(EVENT),
  version: 3,
  programmeVersion: 7,
  createdAt: '2021-01-01T10:00:00Z',
  updatedAt: '2021-01-02T10:00:00Z',
};

const summary = (overrides: Partial<ManagedEventSummary>): ManagedEventSummary => ({
  id: MANAGED.id,
  slug: MANAGED.slug,
  name: MANAGED.name,
  shortName: null,
  tagline: MANAGED.tagline,
  status: 'published',
  timeZone: 'Europe/Vienna',
  startDate: '2021-10-19',
  endDate: '2021-10-20',
  format: 'hybrid',
  venue: MANAGED.venue,
  languages: ['en'],
  logoUrl: null,
  accentColor: null,
  version: 3,
  programmeVersion: 7,
  ...overrides,
});

const WAIT = { timeout: 5000 };
const envelope = (code: string, message: string, details?: unknown) => ({
  error: { code, message, requestId: 'req-1', ...(details === undefined ? {} : { details }) },
});

describe('Your events (/manage)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lists every event with its status for an administrator, who may create events', async () => {
    fakeConsoleApi({
      'GET /api/me': { body: ADMIN },
      'GET /api/manage/events': {
        body: {
          events: [
            summary({}),
            summary({
              id: '11111111-1111-4111-8111-111111111111',
              slug: 'vmc-2022',
              name: 'VMC 2022',
              status: 'draft',
            }),
          ],
        },
      },
    });

    renderEventsConsole('/manage');

    const draft = (await screen.findByRole('link', { name: 'VMC 2022' }, WAIT)).closest('li');
    if (!draft) throw new Error('no row');
    expect(within(draft).getByText('Draft')).toBeTruthy();
    expect(within(draft).getByRole('link', { name: 'Settings' }).getAttribute('href')).toBe(
      '/e/vmc-2022/organiser/event',
    );
    expect(screen.getByText('Published')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create event' }).getAttribute('href')).toBe('/manage/new');
  });

  it('shows an organiser their events without the create action', async () => {
    fakeConsoleApi({
      'GET /api/me': { body: ORGANISER },
      'GET /api/manage/events': { body: { events: [summary({})] } },
    });

    renderEventsConsole('/manage');

    expect(await screen.findByRole('link', { name: MANAGED.name }, WAIT)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Create event' })).toBeNull();
  });

  it('asks a signed-out visitor to sign in and come back', async () => {
    fakeConsoleApi({ 'GET /api/me': { status: 401, body: envelope('identity/unauthenticated', 'Sign in') } });

    renderEventsConsole('/manage');

    expect((await screen.findByRole('link', { name: 'Sign in' }, WAIT)).getAttribute('href')).toBe(
      '/sign-in?next=%2Fmanage',
    );
  });
});

describe('Create event (/manage/new)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('suggests the slug from the name and checks it as it is typed', async () => {
    fakeConsoleApi({ 'GET /api/me': { body: ADMIN } });
    renderEventsConsole('/manage/new');

    fireEvent.change(await screen.findByLabelText('Name', undefined, WAIT), {
      target: { value: 'VMC 2022 Wien' },
    });
    const slug = screen.getByLabelText<HTMLInputElement>('Address (slug)');
    expect(slug.value).toBe('vmc-2022-wien');

    fireEvent.change(slug, { target: { value: 'VMC 2022' } });
    expect(screen.getByText('must be a lowercase slug (letters, digits, hyphens)')).toBeTruthy();
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    // The name no longer drives a slug someone typed.
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Another name' } });
    expect(slug.value).toBe('VMC 2022');
  });

  it('lists what is missing in a focused summary and sends nothing', async () => {
    const calls = fakeConsoleApi({ 'GET /api/me': { body: ADMIN } });
    renderEventsConsole('/manage/new');

    fireEvent.click(await screen.findByRole('button', { name: 'Create draft event' }, WAIT));

    const summaryBox = await screen.findByRole('heading', { name: 'Check these fields' });
    await waitFor(() => expect(document.activeElement).toBe(summaryBox.parentElement));
    expect(screen.getByRole('link', { name: /^Name: Is required/ }).getAttribute('href')).toBe('#event-name');
    expect(screen.getByRole('link', { name: /^First day:/ })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);
  });

  it('shows a slug clash on the slug field and a 400 on its field, then opens the new draft', async () => {
    const answers = [
      {
        status: 409,
        body: envelope('programme/slug-taken', 'The slug "vmc2021" is taken by another event.', {
          slug: 'vmc2021',
        }),
      },
      {
        status: 400,
        body: envelope('core/validation-failed', 'The request is not valid.', [
          { path: 'timeZone', message: 'must be an IANA time zone such as Europe/Vienna' },
        ]),
      },
      { status: 201, body: { ...MANAGED, slug: 'vmc-2022', name: 'VMC 2022', status: 'draft' } },
    ];
    const calls = fakeConsoleApi({
      'GET /api/me': { body: ADMIN },
      'POST /api/events': () => answers.shift() ?? { status: 500 },
      'GET /api/manage/events/vmc-2022': { body: { ...MANAGED, slug: 'vmc-2022' } },
    });
    const { router } = renderEventsConsole('/manage/new');

    fireEvent.change(await screen.findByLabelText('Name', undefined, WAIT), {
      target: { value: 'VMC 2022' },
    });
    fireEvent.change(screen.getByLabelText('Address (slug)'), { target: { value: 'vmc2021' } });
    fireEvent.change(screen.getByLabelText('First day'), { target: { value: '2022-10-19' } });
    fireEvent.change(screen.getByLabelText('Last day'), { target: { value: '2022-10-20' } });
    const submit = screen.getByRole('button', { name: 'Create draft event' });
    fireEvent.click(submit);

    expect(
      await screen.findAllByText('The address “vmc2021” is taken by another event. Choose another.'),
    ).not.toHaveLength(0);
    expect(screen.getByLabelText('Address (slug)').getAttribute('aria-invalid')).toBe('true');
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      slug: 'vmc2021',
      name: 'VMC 2022',
      startDate: '2022-10-19',
      endDate: '2022-10-20',
      timeZone: 'Europe/Vienna',
      format: 'hybrid',
      languages: ['en'],
    });

    fireEvent.change(screen.getByLabelText('Address (slug)'), { target: { value: 'vmc-2022' } });
    fireEvent.click(submit);
    expect(await screen.findAllByText('Must be an IANA time zone such as Europe/Vienna')).not.toHaveLength(0);

    fireEvent.click(submit);
    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc-2022/organiser/event'));
  });
});

describe('Event settings (/e/:slug/organiser/event)', () => {
  afterEach(() => jest.restoreAllMocks());

  const routes = {
    'GET /api/me': { body: ADMIN },
    'GET /api/events/vmc2021': { body: EVENT },
    'GET /api/manage/events/vmc2021': { body: MANAGED },
    'GET /api/events/vmc2021/organisers': {
      body: {
        organisers: [
          {
            personId: '00000000-0000-4000-8000-0000000000aa',
            name: 'Olga Organiser',
            email: 'organiser@plenary.test',
            appointedAt: '2021-01-01T10:00:00Z',
          },
        ],
      },
    },
  };

  it('saves only the changed fields with If-Match, and shows a conflict with their values instead of overwriting', async () => {
    const theirs: ManagedEvent = { ...MANAGED, name: 'Their new name', tagline: 'Their tagline', version: 4 };
    const answers = [
      { status: 200, body: { ...MANAGED, name: 'My new name', version: 4 } },
      {
        status: 412,
        body: envelope('programme/version-conflict', 'Someone else changed this.', { current: theirs }),
      },
    ];
    const calls = fakeConsoleApi({
      ...routes,
      'PATCH /api/events/vmc2021': () => answers.shift() ?? { status: 500 },
    });
    renderEventsConsole('/e/vmc2021/organiser/event');

    const name = await screen.findByLabelText<HTMLInputElement>('Name', undefined, WAIT);
    expect(name.value).toBe(MANAGED.name);
    fireEvent.change(name, { target: { value: 'My new name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Changes saved.')).toBeTruthy();
    const first = calls.find((call) => call.method === 'PATCH');
    expect(first?.headers['If-Match']).toBe('"3"');
    expect(first?.body).toEqual({ name: 'My new name' });

    // The next save names version 4; someone else saved 5 in between.
    fireEvent.change(screen.getByLabelText('Tagline', { exact: false }), { target: { value: 'Mine' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const conflict = (await screen.findByRole('heading', { name: 'Changed by someone else' })).closest(
      '.pl-notice',
    );
    if (!(conflict instanceof HTMLElement)) throw new Error('no conflict notice');
    expect(calls.filter((call) => call.method === 'PATCH')[1]?.headers['If-Match']).toBe('"4"');
    expect(within(conflict).getByText('Their new name')).toBeTruthy();
    expect(within(conflict).getByText('Their tagline')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Save changes' }).disabled).toBe(true);

    fireEvent.click(within(conflict).getByRole('button', { name: 'Reload their version' }));
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Their new name');
    expect(screen.queryByRole('heading', { name: 'Changed by someone else' })).toBeNull();
  });

  it('warns that the old address keeps redirecting when the slug changes', async () => {
    fakeConsoleApi(routes);
    renderEventsConsole('/e/vmc2021/organiser/event');

    fireEvent.change(await screen.findByLabelText('Address (slug)', undefined, WAIT), {
      target: { value: 'vmc-2021' },
    });
    expect(
      screen.getByText(
        'The address changes on save. The old address /e/vmc2021 keeps redirecting to the new one.',
      ),
    ).toBeTruthy();
  });

  it("shows the server's refusal to go back to draft, and publishes", async () => {
    const calls = fakeConsoleApi({
      ...routes,
      'POST /api/events/vmc2021/status': (call) =>
        (call.body as { status: string }).status === 'draft'
          ? {
              status: 409,
              body: envelope(
                'programme/invalid-transition',
                'People are registered for this event: it cannot go back to draft.',
              ),
            }
          : { body: { ...MANAGED, status: 'archived', version: 4 } },
    });
    renderEventsConsole('/e/vmc2021/organiser/event');

    fireEvent.click(await screen.findByRole('button', { name: 'Back to draft' }, WAIT));
    expect(
      await screen.findByText('People are registered for this event: it cannot go back to draft.'),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('The event is archived.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish' })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual([
      { status: 'draft' },
      { status: 'archived' },
    ]);
  });

  it('lets an administrator appoint and remove organisers', async () => {
    const calls = fakeConsoleApi({
      ...routes,
      'POST /api/events/vmc2021/organisers': { body: routes['GET /api/events/vmc2021/organisers'].body },
      'DELETE /api/events/vmc2021/organisers/00000000-0000-4000-8000-0000000000aa': { status: 204 },
    });
    renderEventsConsole('/e/vmc2021/organiser/event');

    fireEvent.change(await screen.findByLabelText('E-mail address', undefined, WAIT), {
      target: { value: 'New.Person@Example.org' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Appoint' }));
    expect(
      await screen.findByText('new.person@example.org is an organiser now and has been sent an invitation.'),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Remove\s?: Olga Organiser$/ }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE')).toBe(true));
  });

  it('duplicates the event into a new draft and opens it', async () => {
    const calls = fakeConsoleApi({
      ...routes,
      'POST /api/events/vmc2021/duplicate': {
        status: 201,
        body: { ...MANAGED, id: '22222222-2222-4222-8222-222222222222', slug: 'vmc-2022', status: 'draft' },
      },
    });
    const { router } = renderEventsConsole('/e/vmc2021/organiser/event');

    fireEvent.click(await screen.findByRole('button', { name: 'Duplicate event' }, WAIT));
    fireEvent.click(screen.getByRole('button', { name: 'Create the new edition' }));
    expect(screen.getByText('Enter a name.')).toBeTruthy();
    expect(calls.some((call) => call.path.endsWith('/duplicate'))).toBe(false);

    fireEvent.change(screen.getByLabelText('Name of the new edition'), { target: { value: 'VMC 2022' } });
    fireEvent.change(screen.getByLabelText('Address (slug) of the new edition'), {
      target: { value: 'vmc-2022' },
    });
    fireEvent.change(screen.getByLabelText(/^First day of the new edition/), {
      target: { value: '2022-10-18' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create the new edition' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/e/vmc-2022/organiser/event'));
    expect(calls.find((call) => call.path.endsWith('/duplicate'))?.body).toEqual({
      slug: 'vmc-2022',
      name: 'VMC 2022',
      startDate: '2022-10-18',
    });
  });
});
