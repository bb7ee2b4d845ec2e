import { loadConfig } from '@plenary/server-core';
import { liveKitApiUrl } from '../livekit/livekit.gateway';
import {
  decideMediaAccess,
  mediaRoleOf,
  parseRoomName,
  roomName,
  type MediaAccessContext,
} from './media-grants';

const SESSION = '5e0c2021-0000-4000-8000-000000000203';
const context = (overrides: Partial<MediaAccessContext> = {}): MediaAccessContext => ({
  eventId: '5e0c2021-0000-4000-8000-000000000001',
  sessionId: SESSION,
  state: 'live',
  roles: [],
  registration: 'approved',
  banned: false,
  backstageOpen: false,
  onStage: false,
  ...overrides,
});

describe(decideMediaAccess.name, () => {
  it('lets the strongest role win', () => {
    expect(mediaRoleOf(['attendee', 'staff'])).toBe('staff');
    expect(mediaRoleOf(['staff', 'speaker'])).toBe('speaker');
    expect(mediaRoleOf(['speaker', 'organiser'])).toBe('moderator');
    expect(mediaRoleOf([])).toBe('attendee');
  });

  it('puts an attendee on stage only in the main room', () => {
    expect(decideMediaAccess(context({ onStage: true }), 'main')).toEqual({
      role: 'attendee',
      onStage: true,
    });
    expect(decideMediaAccess(context({ roles: ['speaker'], onStage: true }), 'main')).toEqual({
      role: 'speaker',
      onStage: false,
    });
  });

  it.each<[string, Partial<MediaAccessContext>, 'main' | 'backstage', string]>([
    ['a waitlisted attendee', { registration: 'waitlisted' }, 'main', 'media/not-approved'],
    ['a banned speaker', { roles: ['speaker'], banned: true }, 'main', 'media/banned'],
    ['an attendee before live', { state: 'scheduled' }, 'main', 'media/session-not-open'],
    [
      'a speaker in a closed backstage',
      { roles: ['speaker'], state: 'scheduled' },
      'backstage',
      'media/session-not-open',
    ],
    ['staff in the backstage', { roles: ['staff'] }, 'backstage', 'media/session-not-open'],
    [
      'a moderator after the end',
      { roles: ['moderator'], state: 'ended' },
      'backstage',
      'media/session-not-open',
    ],
    ['an unknown session', { sessionId: null, state: null }, 'main', 'programme/session-not-found'],
  ])('refuses %s', (_label, overrides, room, code) => {
    let thrown: unknown;
    try {
      decideMediaAccess(context(overrides), room);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code });
  });
});

describe(parseRoomName.name, () => {
  it('reads back the rooms it names, and nothing else', () => {
    expect(parseRoomName(roomName(SESSION, 'main'))).toEqual({ sessionId: SESSION, room: 'main' });
    expect(parseRoomName(roomName(SESSION, 'backstage'))).toEqual({ sessionId: SESSION, room: 'backstage' });
    expect(parseRoomName(`${SESSION}.other`)).toBeNull();
    expect(parseRoomName('lobby')).toBeNull();
  });
});

describe(liveKitApiUrl.name, () => {
  it('calls LiveKit over http(s), at LIVEKIT_API_URL when set', () => {
    expect(liveKitApiUrl(loadConfig({}))).toBe('http://localhost:7880');
    expect(liveKitApiUrl(loadConfig({ LIVEKIT_URL: 'wss://media.example.org' }))).toBe(
      'https://media.example.org',
    );
    expect(liveKitApiUrl(loadConfig({ LIVEKIT_API_URL: 'http://livekit:7880' }))).toBe('http://livekit:7880');
    expect(loadConfig({ LIVEKIT_EGRESS: 'true' }).LIVEKIT_EGRESS).toBe(true);
    expect(loadConfig({}).LIVEKIT_EGRESS).toBe(false);
  });
});
