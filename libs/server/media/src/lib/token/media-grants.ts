import type {
  MediaRole,
  MediaRoom,
  ParticipantMetadata,
  RegistrationStatus,
  Role,
  SessionState,
} from '@plenary/contracts';
import { BACKSTAGE_ROOM_SUFFIX } from '@plenary/contracts';
import { ProgrammeException } from '@plenary/server-programme';
import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { MediaException } from '../media.exception';

/** Lifetime of a participant token: long enough to connect; LiveKit refreshes the token of connected clients. */
export const TOKEN_TTL_SECONDS = 600;

/** LiveKit room name of a session's room: the opaque session id, `.backstage` appended for the green room. */
export function roomName(sessionId: string, room: MediaRoom): string {
  return room === 'main' ? sessionId : `${sessionId}${BACKSTAGE_ROOM_SUFFIX}`;
}

/** The session and room a LiveKit room name stands for, or null for rooms that are not ours. */
export function parseRoomName(name: string): { sessionId: string; room: MediaRoom } | null {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.backstage)?$/.exec(name);
  if (!match?.[1]) return null;
  return { sessionId: match[1], room: match[2] ? 'backstage' : 'main' };
}

/** The media role of a person holding `roles` in an event; the strongest wins. */
export function mediaRoleOf(roles: readonly Role[]): MediaRole {
  if (roles.includes('moderator') || roles.includes('organiser')) return 'moderator';
  if (roles.includes('speaker')) return 'speaker';
  if (roles.includes('staff')) return 'staff';
  return 'attendee';
}

const SPEAKER_SOURCES = [
  TrackSource.CAMERA,
  TrackSource.MICROPHONE,
  TrackSource.SCREEN_SHARE,
  TrackSource.SCREEN_SHARE_AUDIO,
];
/** An attendee invited to the stage speaks; they do not share their screen. */
export const GUEST_SOURCES = [TrackSource.CAMERA, TrackSource.MICROPHONE];

/**
 * The video grant of a role in a room. Every flag is explicit, `false` included, so a change in LiveKit's defaults
 * can never widen what a token allows.
 */
export function videoGrantFor(role: MediaRole, room: string, onStage: boolean): VideoGrant {
  const base = {
    roomJoin: true,
    room,
    roomAdmin: false,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canUpdateOwnMetadata: false,
    hidden: false,
    recorder: false,
  } satisfies VideoGrant;
  switch (role) {
    case 'attendee':
      return onStage ? { ...base, canPublish: true, canPublishSources: GUEST_SOURCES } : base;
    case 'speaker':
      return { ...base, canPublish: true, canPublishSources: SPEAKER_SOURCES };
    case 'moderator':
      return { ...base, roomAdmin: true, canPublish: true, canPublishSources: SPEAKER_SOURCES };
    case 'staff':
      return { ...base, hidden: true };
  }
}

export function participantMetadata(role: MediaRole, onStage: boolean): string {
  return JSON.stringify({ role, onStage } satisfies ParticipantMetadata);
}

/** What the token endpoint knows about a person, an event and a session (one query). */
export interface MediaAccessContext {
  eventId: string;
  sessionId: string | null;
  state: SessionState | null;
  roles: Role[];
  registration: RegistrationStatus | null;
  banned: boolean;
  backstageOpen: boolean;
  onStage: boolean;
}

/**
 * Who may enter which room: approved registration (or a speaker, moderator, staff or organiser role, as for
 * session access), not banned; the main room while the session is live; the backstage for moderators while the
 * session is scheduled or live, for speakers once a moderator opened it. Throws the coded refusal.
 */
export function decideMediaAccess(
  context: MediaAccessContext,
  room: MediaRoom,
): { role: MediaRole; onStage: boolean } {
  if (!context.sessionId || !context.state) throw ProgrammeException.sessionNotFound();
  if (context.banned)
    throw new MediaException('media/banned', 'You can no longer join this event’s sessions.');
  const role = mediaRoleOf(context.roles);
  if (role === 'attendee' && context.registration !== 'approved') {
    throw new MediaException(
      'media/not-approved',
      'Video sessions are for participants with an approved registration.',
      { status: context.registration ?? 'not-registered' },
    );
  }
  if (context.state === 'ended') throw notOpen('This session has ended.', context.state);
  if (room === 'main') {
    if (context.state !== 'live') throw notOpen('This session has not started yet.', context.state);
    return { role, onStage: role === 'attendee' && context.onStage };
  }
  if (role === 'moderator' || (role === 'speaker' && (context.backstageOpen || context.state === 'live'))) {
    return { role, onStage: false };
  }
  throw notOpen(
    role === 'speaker'
      ? 'The backstage opens when the moderator opens it.'
      : 'The backstage is for speakers and moderators.',
    context.state,
  );
}

function notOpen(message: string, state: SessionState): MediaException {
  return new MediaException('media/session-not-open', message, { state });
}
