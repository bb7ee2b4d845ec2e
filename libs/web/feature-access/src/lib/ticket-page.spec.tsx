import { screen, within } from '@testing-library/react';
import { EVENT, TICKET, meWith } from '../testing/fixtures';
import { apiError, mockApi } from '../testing/fake-api';
import { renderAccessRoute } from '../testing/render-access-route';

const TICKET_PATH = '/api/events/vmc2021/my/ticket';

describe('TicketPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows an approved ticket: a large QR image, holder, organisation, attendance, roles and dates', async () => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': { body: meWith('approved') },
      [TICKET_PATH]: { body: TICKET },
    });

    renderAccessRoute('/e/vmc2021/ticket');

    // Drawing the QR code is asynchronous; allow for a loaded machine.
    const qr = await screen.findByRole(
      'img',
      { name: 'QR code of Ada Muster’s ticket for Vienna Migration Conference 2021' },
      { timeout: 5000 },
    );
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(Number(qr.getAttribute('width'))).toBeGreaterThanOrEqual(280);
    const ticket = qr.closest('article');
    if (!ticket) throw new Error('no ticket');
    expect(within(ticket).getByRole('heading', { name: 'Ada Muster' })).toBeTruthy();
    expect(within(ticket).getByText('Ministry of the Interior')).toBeTruthy();
    expect(within(ticket).getByText('In person')).toBeTruthy();
    expect(within(ticket).getByText('Speaker')).toBeTruthy();
    expect(within(ticket).getByText('19–20 October 2021')).toBeTruthy();
    expect(document.title).toBe('My ticket · Vienna Migration Conference 2021');
  });

  it.each([
    ['pending', 'Your registration is waiting for approval', 'Waiting for approval'],
    ['waitlisted', 'You are on the waiting list', 'On the waiting list'],
    ['rejected', 'Your registration was not accepted', 'Not accepted'],
  ] as const)('explains a %s registration instead of a QR code', async (status, title, badge) => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': { body: meWith(status) },
      [TICKET_PATH]: apiError(403, 'registration/not-approved'),
    });

    renderAccessRoute('/e/vmc2021/ticket');

    expect(await screen.findByText(title)).toBeTruthy();
    expect(screen.getByText(badge)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('tells a signed-in person who is not registered, with a way to register', async () => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': { body: { ...meWith(null), memberships: [] } },
      [TICKET_PATH]: apiError(404, 'registration/not-registered'),
    });

    renderAccessRoute('/e/vmc2021/ticket');

    expect(await screen.findByText('You are not registered for this event')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Register' }).getAttribute('href')).toBe('/e/vmc2021/register');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it.each([
    [['moderator'], 'Your sessions', '/e/vmc2021/my-sessions'],
    [['staff'], 'Door app', '/e/vmc2021/staff'],
    [['organiser', 'staff'], 'Organiser console', '/e/vmc2021/organiser'],
  ] as const)('shows %j without a registration their tools, not "Register"', async (roles, tool, href) => {
    const me = meWith(null);
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': {
        body: { ...me, memberships: [{ eventSlug: 'vmc2021', roles: [...roles], registration: null }] },
      },
      [TICKET_PATH]: apiError(404, 'registration/not-registered'),
    });

    renderAccessRoute('/e/vmc2021/ticket');

    expect(await screen.findByText('You work at this event — no ticket needed')).toBeTruthy();
    expect(screen.getByRole('link', { name: tool }).getAttribute('href')).toBe(href);
    expect(screen.queryByText('You are not registered for this event')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Register' })).toBeNull();
  });

  it('asks a signed-out visitor to sign in, and does not ask for the ticket', async () => {
    const api = mockApi({
      '/api/events/vmc2021': { body: EVENT },
      '/api/me': apiError(401, 'identity/unauthenticated'),
    });

    renderAccessRoute('/e/vmc2021/ticket');

    expect(await screen.findByText('Sign in to see your ticket')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Already registered? Access here' }).getAttribute('href')).toBe(
      '/e/vmc2021/access?next=%2Fe%2Fvmc2021%2Fticket',
    );
    expect(api.callsTo('GET', TICKET_PATH)).toHaveLength(0);
  });
});
