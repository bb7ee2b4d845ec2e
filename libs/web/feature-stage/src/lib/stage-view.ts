import type { MediaRoom, Role, StageState } from '@plenary/contracts';

/** How the person takes part on the stage: decides which room they may join before the session is live. */
export type StageRole = 'attendee' | 'speaker' | 'moderator';

/** The strongest stage role among the person's event roles (organisers moderate). */
export function stageRoleOf(roles: readonly Role[]): StageRole {
  if (roles.includes('moderator') || roles.includes('organiser')) return 'moderator';
  if (roles.includes('speaker')) return 'speaker';
  return 'attendee';
}

/** Why the video connection ended or never started; each has its own screen. */
export type RoomFailure =
  /** The LiveKit server did not answer, or the connection dropped for good: retry. */
  | { reason: 'unreachable' }
  /** LiveKit closed this connection because the same person joined from another window or device. */
  | { reason: 'duplicate' }
  /** A moderator removed the person from the room. */
  | { reason: 'removed' }
  /** LiveKit closed the room: the session ended. */
  | { reason: 'room-closed' }
  /** The api refused the token (`media/banned`, `media/session-not-open`, …) or could not be reached. */
  | { reason: 'refused'; code: string };

/** The LiveKit connection as the stage sees it. */
export type RoomConnection =
  | { status: 'idle' }
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'failed'; failure: RoomFailure };

export type StageScreen =
  | 'loading'
  | 'error'
  /** Scheduled, not for this person yet: "starting soon" with the start time. */
  | 'starting-soon'
  /** Speaker or moderator, backstage open: check camera and microphone, then join. */
  | 'backstage-preview'
  | 'backstage'
  | 'connecting'
  | 'live'
  | 'reconnecting'
  | 'ended'
  | 'duplicate'
  | 'removed'
  | 'unreachable'
  | 'refused';

export interface StageView {
  screen: StageScreen;
  /** The room to be connected to now; null: none (disconnect if connected). */
  room: MediaRoom | null;
}

export interface StageViewInput {
  /** undefined while loading; null when it could not be loaded. */
  stage: StageState | null | undefined;
  role: StageRole;
  connection: RoomConnection;
  /** The speaker or moderator pressed "Join the backstage" after the device check. */
  backstageJoined: boolean;
}

/** The room the person belongs in for this stage state, if any. */
export function targetRoom(stage: StageState, role: StageRole): MediaRoom | null {
  if (stage.state === 'live') return 'main';
  if (stage.state === 'ended') return null;
  if (role === 'moderator') return 'backstage';
  if (role === 'speaker' && stage.backstageOpen) return 'backstage';
  return null;
}

/**
 * Which screen the stage shows and which room it connects to, from the stage state (pushed by the live service),
 * the person's role and the LiveKit connection. Pure: the component only renders what this decides.
 */
export function stageView({ stage, role, connection, backstageJoined }: StageViewInput): StageView {
  if (stage === undefined) return { screen: 'loading', room: null };
  if (stage === null) return { screen: 'error', room: null };
  if (stage.state === 'ended') return { screen: 'ended', room: null };
  const room = targetRoom(stage, role);
  if (room === null) return { screen: 'starting-soon', room: null };
  if (connection.status === 'failed') {
    const { failure } = connection;
    switch (failure.reason) {
      case 'room-closed':
        // LiveKit closed the room before the `stage:changed` push arrived: the session is ending.
        return { screen: 'ended', room: null };
      case 'unreachable':
      case 'duplicate':
      case 'removed':
      case 'refused':
        return { screen: failure.reason, room: null };
    }
  }
  if (room === 'backstage' && !backstageJoined) return { screen: 'backstage-preview', room: null };
  switch (connection.status) {
    case 'idle':
    case 'connecting':
      return { screen: 'connecting', room };
    case 'reconnecting':
      return { screen: 'reconnecting', room };
    case 'connected':
      return { screen: room === 'backstage' ? 'backstage' : 'live', room };
  }
}

/** Whether the person may publish in the room (and so sees device controls). */
export function canPublishIn(room: MediaRoom, role: StageRole, onStage: boolean): boolean {
  if (role !== 'attendee') return true;
  return room === 'main' && onStage;
}
