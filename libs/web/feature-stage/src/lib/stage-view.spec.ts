import type { StageState } from '@plenary/contracts';
import { stageRoleOf, stageView, targetRoom, type RoomConnection, type StageRole } from './stage-view';

const SESSION = '5e0c2021-0000-4000-8000-000000000203';
const stage = (overrides: Partial<StageState> = {}): StageState => ({
  sessionId: SESSION,
  state: 'scheduled',
  backstageOpen: false,
  recording: false,
  recordingAvailable: false,
  confidential: false,
  ...overrides,
});
const idle: RoomConnection = { status: 'idle' };
const connected: RoomConnection = { status: 'connected' };
const view = (
  s: StageState | null | undefined,
  role: StageRole,
  connection: RoomConnection = idle,
  backstageJoined = false,
) => stageView({ stage: s, role, connection, backstageJoined });

describe('stageRoleOf', () => {
  it('takes the strongest event role; organisers moderate', () => {
    expect(stageRoleOf([])).toBe('attendee');
    expect(stageRoleOf(['staff'])).toBe('attendee');
    expect(stageRoleOf(['speaker'])).toBe('speaker');
    expect(stageRoleOf(['speaker', 'moderator'])).toBe('moderator');
    expect(stageRoleOf(['organiser'])).toBe('moderator');
  });
});

describe('targetRoom', () => {
  it('sends everyone to the main room when live and nobody anywhere once ended', () => {
    for (const role of ['attendee', 'speaker', 'moderator'] as const) {
      expect(targetRoom(stage({ state: 'live' }), role)).toBe('main');
      expect(targetRoom(stage({ state: 'ended', backstageOpen: true }), role)).toBeNull();
    }
  });

  it('opens the backstage to moderators while scheduled, to speakers once a moderator opened it', () => {
    expect(targetRoom(stage(), 'moderator')).toBe('backstage');
    expect(targetRoom(stage(), 'speaker')).toBeNull();
    expect(targetRoom(stage({ backstageOpen: true }), 'speaker')).toBe('backstage');
    expect(targetRoom(stage({ backstageOpen: true }), 'attendee')).toBeNull();
  });
});

describe('stageView', () => {
  it('loads, then says when the state could not be read', () => {
    expect(view(undefined, 'attendee')).toEqual({ screen: 'loading', room: null });
    expect(view(null, 'attendee')).toEqual({ screen: 'error', room: null });
  });

  it('shows "starting soon" to attendees before the session is live, and to speakers until the backstage opens', () => {
    expect(view(stage(), 'attendee')).toEqual({ screen: 'starting-soon', room: null });
    expect(view(stage({ backstageOpen: true }), 'attendee')).toEqual({ screen: 'starting-soon', room: null });
    expect(view(stage(), 'speaker')).toEqual({ screen: 'starting-soon', room: null });
  });

  it('lets speakers check their devices before joining the backstage, then connects them', () => {
    const open = stage({ backstageOpen: true });
    expect(view(open, 'speaker')).toEqual({ screen: 'backstage-preview', room: null });
    expect(view(open, 'speaker', idle, true)).toEqual({ screen: 'connecting', room: 'backstage' });
    expect(view(open, 'speaker', connected, true)).toEqual({ screen: 'backstage', room: 'backstage' });
  });

  it('connects everyone to the live room at once (attendees watch without a device check)', () => {
    const live = stage({ state: 'live' });
    expect(view(live, 'attendee')).toEqual({ screen: 'connecting', room: 'main' });
    expect(view(live, 'attendee', connected)).toEqual({ screen: 'live', room: 'main' });
    expect(view(live, 'speaker', connected)).toEqual({ screen: 'live', room: 'main' });
    expect(view(live, 'attendee', { status: 'reconnecting' })).toEqual({
      screen: 'reconnecting',
      room: 'main',
    });
  });

  it('says why the connection ended and disconnects', () => {
    const live = stage({ state: 'live' });
    const failed = (failure: Extract<RoomConnection, { status: 'failed' }>['failure']) =>
      view(live, 'attendee', { status: 'failed', failure });
    expect(failed({ reason: 'unreachable' })).toEqual({ screen: 'unreachable', room: null });
    expect(failed({ reason: 'duplicate' })).toEqual({ screen: 'duplicate', room: null });
    expect(failed({ reason: 'removed' })).toEqual({ screen: 'removed', room: null });
    expect(failed({ reason: 'refused', code: 'media/banned' })).toEqual({ screen: 'refused', room: null });
    expect(failed({ reason: 'room-closed' })).toEqual({ screen: 'ended', room: null });
  });

  it('shows the end to everyone once ended, whatever the connection', () => {
    const ended = stage({ state: 'ended' });
    for (const role of ['attendee', 'speaker', 'moderator'] as const) {
      expect(view(ended, role, connected, true)).toEqual({ screen: 'ended', room: null });
    }
  });

  it('a failure in the backstage does not hide a later "live" for an attendee who was never there', () => {
    expect(view(stage({ state: 'live' }), 'attendee', idle)).toEqual({ screen: 'connecting', room: 'main' });
  });
});
