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

/** People with a session open now, for the event and per session (distinct people, on every live node). */
export interface OnlinePresence {
  total: number;
  bySession: Record<string, number>;
}

/** One person's time with one session's page open (stream, Q&A, polls). */
export interface PresenceMinutesRecord {
  sessionId: string;
  personId: string;
  minutes: number;
}

/**
 * Seam for the live service's socket presence (ADR 0014: rows every live node writes, read from PostgreSQL). Bind
 * it with `CheckinModule.withSources({ presence })`; until then the report says `onlineNow: null`.
 */
export interface OnlinePresenceSource {
  onlineNow(eventId: string): Promise<OnlinePresence>;
  /** Minutes per person and session; open stays count up to `until`. */
  sessionParticipants(eventId: string, until?: Date): Promise<PresenceMinutesRecord[]>;
  /** Distinct people online in the event at each instant. */
  onlineAt(eventId: string, at: Date[], until?: Date): Promise<Array<{ at: Date; online: number }>>;
}

export const MEDIA_ATTENDANCE_SOURCE = Symbol('MEDIA_ATTENDANCE_SOURCE');
export const ONLINE_PRESENCE_SOURCE = Symbol('ONLINE_PRESENCE_SOURCE');
