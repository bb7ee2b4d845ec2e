/** One person's time in one session's video, as the media context measures it from LiveKit webhooks. */
export interface MediaAttendanceRecord {
  sessionId: string;
  personId: string;
  minutes: number;
}

/**
 * Seam for `libs/server/media`: who joined each session's video. Bind an implementation with
 * `CheckinModule.withSources({ media })`; until then the attendance report says `online: null`.
 */
export interface MediaAttendanceSource {
  sessionParticipants(eventId: string): Promise<MediaAttendanceRecord[]>;
}

/** Sockets connected now, for the event and per session. */
export interface OnlinePresence {
  total: number;
  bySession: Record<string, number>;
}

/**
 * Seam for the live service's socket presence ("online now"), e.g. read from Redis. Bind it with
 * `CheckinModule.withSources({ presence })`; until then the report says `onlineNow: null`.
 */
export interface OnlinePresenceSource {
  onlineNow(eventId: string): Promise<OnlinePresence>;
}

export const MEDIA_ATTENDANCE_SOURCE = Symbol('MEDIA_ATTENDANCE_SOURCE');
export const ONLINE_PRESENCE_SOURCE = Symbol('ONLINE_PRESENCE_SOURCE');
