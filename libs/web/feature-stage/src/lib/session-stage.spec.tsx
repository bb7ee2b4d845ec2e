import type { Role, StageState } from '@plenary/contracts';
import { act, screen } from '@testing-library/react';
import { fakeApi, renderStage } from '../testing/render-stage';
import { SessionStage } from './session-stage';

const SLUG = 'vmc2021';
const SESSION = '5e0c2021-0000-4000-8000-000000000204';
const STAGE = `/events/${SLUG}/sessions/${SESSION}/stage`;

const stage = (overrides: Partial<StageState> = {}): StageState => ({
  sessionId: SESSION,
  state: 'scheduled',
  backstageOpen: false,
  recording: false,
  recordingAvailable: false,
  confidential: false,
  ...overrides,
});

const me = (roles: Role[]) => ({
  person: { id: '5e0c2021-0000-4000-8000-000000000901', name: 'Ada Lovelace', email: 'ada@example.org' },
  isAdmin: false,
  memberships: [
    {
      eventSlug: SLUG,
      roles,
      registration: roles.length
        ? null
        : { id: '5e0c2021-0000-4000-8000-000000000902', status: 'approved', attendance: 'remote' },
    },
  ],
});

describe('SessionStage (screens without a room)', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  const open = (roles: Role[], current: StageState, endsAt = '2099-10-20T08:30:00Z') => {
    const fake = fakeApi(({ method, path }) => {
      if (method === 'GET' && path === '/me') return { status: 200, body: me(roles) };
      if (method === 'GET' && path === STAGE) return { status: 200, body: current };
      if (method === 'GET' && path === `${STAGE}/hands`) return { status: 200, body: { hands: [] } };
      return undefined;
    });
    restore = fake.restore;
    const result = renderStage(
      <SessionStage
        eventSlug={SLUG}
        sessionId={SESSION}
        startsAt="2021-10-20T07:30:00Z"
        endsAt={endsAt}
        timeZone="Europe/Vienna"
        headingId="stage-title"
      />,
    );
    return { ...result, requests: fake.requests };
  };

  it('tells an attendee when a scheduled session starts, asks for no token, and shows no controls', async () => {
    const { requests } = open([], stage({ backstageOpen: true }));
    expect(await screen.findByRole('heading', { name: 'Starting soon' })).toBeTruthy();
    expect(screen.getByText(/starts at Wed 20 Oct, 09:30 CEST/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Stage controls' })).toBeNull();
    expect(requests.some((request) => request.path.endsWith('/media-token'))).toBe(false);
  });

  it('says a session whose time is past and that never went live is over, not starting soon', async () => {
    open([], stage(), '2021-10-20T08:30:00Z');
    expect(await screen.findByRole('heading', { name: 'This session is over' })).toBeTruthy();
    expect(screen.getByText(/scheduled for Wed 20 Oct, 09:30 CEST and did not go live here/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Starting soon' })).toBeNull();
  });

  it('tells a speaker the backstage is not open yet, then offers the device check once it opens (pushed)', async () => {
    const { socket } = open(['speaker'], stage());
    expect(await screen.findByText(/the backstage opens here once a moderator/)).toBeTruthy();
    act(() => socket.push('stage:changed', stage({ backstageOpen: true })));
    expect(await screen.findByRole('heading', { name: /Backstage: check your camera/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Join the backstage' })).toBeTruthy();
  });

  it('shows the end as soon as the push says the session ended', async () => {
    const { socket } = open([], stage({ state: 'scheduled' }));
    await screen.findByRole('heading', { name: 'Starting soon' });
    act(() => socket.push('stage:changed', stage({ state: 'ended' })));
    expect(await screen.findByRole('heading', { name: 'This session has ended' })).toBeTruthy();
  });

  it('gives moderators the stage controls under the stage', async () => {
    open(['moderator'], stage());
    expect(await screen.findByRole('region', { name: 'Stage controls' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go live' })).toBeTruthy();
  });
});
