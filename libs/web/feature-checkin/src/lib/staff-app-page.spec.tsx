import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ADA, ADA_TICKET, DEVICE_ID, EVENT_ID, snapshot } from '../testing/fixtures';
import { openFakeDb } from '../testing/fake-db';
import { fakeCheckinApi } from '../testing/fake-checkin-api';
import { STAFF_ME, mockMe, renderCheckin } from '../testing/render-checkin';
import { createTicketSigner } from '../testing/webcrypto';
import type { QrDetector } from './barcode-reader';
import type { CheckinDb } from './checkin-db';
import type { StaffDependencies } from './staff-dependencies';
import { StaffAppPage } from './staff-app-page';

/** A camera that sees `codes`, one per frame, then nothing. */
function scriptedCamera(codes: string[]) {
  Object.defineProperty(navigator, 'mediaDevices', {
    configurable: true,
    value: { getUserMedia: async () => ({ getTracks: () => [] }) as unknown as MediaStream },
  });
  jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  jest.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
  const detector: QrDetector = {
    detect: async () => {
      const code = codes.shift();
      return code ? [{ rawValue: code }] : [];
    },
  };
  return async () => detector;
}

async function setUp({ codes = [] as string[], device = true } = {}) {
  const signer = await createTicketSigner(EVENT_ID);
  const server = fakeCheckinApi(() => snapshot(signer.publicKey));
  const db = openFakeDb();
  if (device) {
    await db.setDevice({
      deviceId: DEVICE_ID,
      name: 'North door',
      gate: 'B',
      registeredAt: '2026-11-26T07:00:00Z',
    });
  }
  const dbs: CheckinDb[] = [];
  const registerDevice = jest.fn(async (_slug: string, name: string) => ({
    id: DEVICE_ID,
    name,
    ownerName: 'Demo Door Staff',
    createdAt: '2026-11-26T07:00:00.000Z',
    lastSeenAt: '2026-11-26T07:00:00.000Z',
    revokedAt: null,
    scans: 0,
  }));
  const deps: StaffDependencies = {
    openDb: () => {
      const opened = openFakeDb(db.name.replace('plenary-checkin-', ''));
      dbs.push(opened);
      return opened;
    },
    api: () => server.api,
    registerDevice,
    createDetector: scriptedCamera(codes),
    registerServiceWorker: jest.fn(),
  };
  return { signer, server, db, deps, registerDevice };
}

afterEach(() => {
  jest.restoreAllMocks();
  sessionStorage.clear();
});

describe('StaffAppPage', () => {
  it('asks a signed-out visitor to sign in, coming back here', async () => {
    mockMe(null);
    const { deps } = await setUp({ device: false });
    renderCheckin(<StaffAppPage />, { deps });
    const link = await screen.findByRole('link', { name: 'Sign in' });
    expect(link.getAttribute('href')).toBe('/sign-in?next=%2Fe%2Fvmc2021%2Fstaff');
  });

  it('tells someone without a staff role that the app is not for them', async () => {
    mockMe({ ...STAFF_ME, memberships: [{ eventSlug: 'vmc2021', roles: ['attendee'], registration: null }] });
    const { deps } = await setUp({ device: false });
    renderCheckin(<StaffAppPage />, { deps });
    await screen.findByRole('heading', { name: 'You are not door staff at this event' });
  });

  it('registers the phone, takes the gate, then scans: green, and undo within the window', async () => {
    mockMe(STAFF_ME);
    const { signer, deps, registerDevice, server } = await setUp({ device: false });
    const payload = await signer.payload(ADA_TICKET);
    deps.createDetector = scriptedCamera([payload]);
    renderCheckin(<StaffAppPage />, { deps });

    fireEvent.change(await screen.findByRole('textbox', { name: /Device name/ }), {
      target: { value: 'North door' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Register this phone' }));
    await waitFor(() => expect(registerDevice).toHaveBeenCalledWith('vmc2021', 'North door'));
    fireEvent.change(await screen.findByRole('textbox', { name: /Gate/ }), { target: { value: 'B' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start checking in' }));

    const verdict = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(within(verdict).getByRole('heading', { name: 'Admitted' })).toBeTruthy();
    expect(within(verdict).getByText('Ada Lovelace')).toBeTruthy();
    expect(verdict.getAttribute('data-verdict')).toBe('admitted');
    fireEvent.click(within(verdict).getByRole('button', { name: 'Undo admission' }));
    await within(verdict).findByRole('heading', { name: 'The admission was taken back.' });
    expect(server.admitted.has(ADA.registrationId)).toBe(false);
  });

  it('offline: says so, admits by search from the phone, and shows the queued count', async () => {
    mockMe(STAFF_ME);
    const { deps, server } = await setUp();
    sessionStorage.setItem('plenary.staff.tab', 'search');
    renderCheckin(<StaffAppPage />, { deps });
    await screen.findByText(/Offline list: 3 registrations/);
    server.state.reachable = false;
    act(() => {
      window.dispatchEvent(new Event('offline'));
    });
    await screen.findByText('Offline mode');

    fireEvent.change(screen.getByRole('searchbox', { name: /Name or organisation/ }), {
      target: { value: 'lovel' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Admit Ada Lovelace' }));
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'Admitted' })).toBeTruthy();
    expect(within(verdict).getByText(/Decided offline/)).toBeTruthy();
    fireEvent.click(within(verdict).getByRole('button', { name: 'Next scan' }));
    await screen.findByText('1 scan waiting for upload');

    // The same person again, offline: yellow from the phone's own queue.
    fireEvent.click(screen.getByRole('button', { name: 'Admit Ada Lovelace' }));
    const again = await screen.findByRole('alert');
    expect(within(again).getByRole('heading', { name: 'Already checked in' })).toBeTruthy();
    expect(within(again).getByText(/at gate B/)).toBeTruthy();
  });

  it('shows a revoked device as revoked', async () => {
    mockMe(STAFF_ME);
    const { deps, server } = await setUp();
    server.state.revoked = true;
    renderCheckin(<StaffAppPage />, { deps });
    await screen.findByRole('heading', { name: 'This device was revoked' });
  });
});
