import { loadConfig } from '@plenary/server-core';
import { liveKitApiUrl } from '../livekit/livekit.gateway';
import type { MediaRole } from '@plenary/contracts';
import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import {
  decideMediaAccess,
  mediaRoleOf,
  participantMetadata,
  parseRoomName,
  roomName,
  videoGrantFor,
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

describe(videoGrantFor.name, () => {
  const ROOM = 'the-room';
  // Every flag explicit: nothing left to LiveKit's defaults.
  const base: VideoGrant = {
    roomJoin: true,
    room: ROOM,
    roomAdmin: false,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canUpdateOwnMetadata: false,
    hidden: false,
    recorder: false,
  };
  const talk = [TrackSource.CAMERA, TrackSource.MICROPHONE];
  const present = [...talk, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

  it.each<[MediaRole, boolean, VideoGrant]>([
    ['attendee', false, base],
    ['attendee', true, { ...base, canPublish: true, canPublishSources: talk }],
    ['speaker', false, { ...base, canPublish: true, canPublishSources: present }],
    ['speaker', true, { ...base, canPublish: true, canPublishSources: present }],
    ['moderator', false, { ...base, roomAdmin: true, canPublish: true, canPublishSources: present }],
    ['staff', false, { ...base, hidden: true }],
    ['staff', true, { ...base, hidden: true }],
  ])('grants a %s (on stage: %s) exactly what the role needs', (role, onStage, grant) => {
    expect(videoGrantFor(role, ROOM, onStage)).toStrictEqual(grant);
  });

  it('carries role and stage in the metadata other participants read', () => {
    expect(JSON.parse(participantMetadata('speaker', false))).toStrictEqual({
      role: 'speaker',
      onStage: false,
    });
    expect(JSON.parse(participantMetadata('attendee', true))).toStrictEqual({
      role: 'attendee',
      onStage: true,
    });
  });
});

describe('decideMediaAccess lets in', () => {
  it.each<[string, Partial<MediaAccessContext>, 'main' | 'backstage', { role: MediaRole; onStage: boolean }]>(
    [
      ['an approved attendee, live', {}, 'main', { role: 'attendee', onStage: false }],
      [
        'an unregistered speaker, live',
        { roles: ['speaker'], registration: null },
        'main',
        { role: 'speaker', onStage: false },
      ],
      ['staff, live', { roles: ['staff'], registration: null }, 'main', { role: 'staff', onStage: false }],
      [
        'a moderator backstage before the start',
        { roles: ['moderator'], state: 'scheduled' },
        'backstage',
        { role: 'moderator', onStage: false },
      ],
      [
        'an organiser backstage while live',
        { roles: ['organiser'] },
        'backstage',
        { role: 'moderator', onStage: false },
      ],
      [
        'a speaker backstage once opened',
        { roles: ['speaker'], state: 'scheduled', backstageOpen: true },
        'backstage',
        { role: 'speaker', onStage: false },
      ],
      [
        'a speaker backstage while live',
        { roles: ['speaker'] },
        'backstage',
        { role: 'speaker', onStage: false },
      ],
    ],
  )('%s', (_label, overrides, room, decision) => {
    expect(decideMediaAccess(context(overrides), room)).toStrictEqual(decision);
  });

  it('says why, and with what status, when it refuses', () => {
    const refusal = (overrides: Partial<MediaAccessContext>, room: 'main' | 'backstage') => {
      try {
        decideMediaAccess(context(overrides), room);
      } catch (error) {
        const { code, message, details } = error as { code: string; message: string; details?: unknown };
        return { code, message, details };
      }
      throw new Error('not refused');
    };
    expect(refusal({ registration: null }, 'main')).toMatchObject({
      code: 'media/not-approved',
      details: { status: 'not-registered' },
    });
    expect(refusal({ registration: 'pending' }, 'main')).toMatchObject({ details: { status: 'pending' } });
    expect(refusal({ state: 'ended' }, 'main')).toMatchObject({
      message: 'This session has ended.',
      details: { state: 'ended' },
    });
    expect(refusal({ state: 'scheduled' }, 'main').message).toBe('This session has not started yet.');
    expect(refusal({ roles: ['speaker'], state: 'scheduled' }, 'backstage').message).toBe(
      'The backstage opens when the moderator opens it.',
    );
    expect(refusal({ roles: ['staff'] }, 'backstage').message).toBe(
      'The backstage is for speakers and moderators.',
    );
    expect(refusal({ roles: ['moderator'], banned: true }, 'backstage').code).toBe('media/banned');
    expect(refusal({ sessionId: SESSION, state: null }, 'main').code).toBe('programme/session-not-found');
  });
});

describe(parseRoomName.name, () => {
  it('reads back the rooms it names, and nothing else', () => {
    expect(parseRoomName(roomName(SESSION, 'main'))).toEqual({ sessionId: SESSION, room: 'main' });
    expect(parseRoomName(roomName(SESSION, 'backstage'))).toEqual({ sessionId: SESSION, room: 'backstage' });
    expect(parseRoomName(`${SESSION}.other`)).toBeNull();
    expect(parseRoomName('lobby')).toBeNull();
    // Anchored at both ends: a session id inside another name is not ours.
    expect(parseRoomName(`x${SESSION}`)).toBeNull();
    expect(parseRoomName(`${SESSION}.backstagex`)).toBeNull();
    expect(parseRoomName(SESSION.toUpperCase())).toBeNull();
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
