import type { SessionSpeaker, SpeakerRole } from '@plenary/contracts';

const ROLE_ORDER: Record<SpeakerRole, number> = {
  chair: 0,
  moderator: 1,
  keynote: 2,
  panelist: 3,
  speaker: 4,
  interpreter: 5,
};

/**
 * Speakers in the order a programme prints them: chair, moderator, keynotes, panellists, speakers, then interpreters
 * (stable).
 */
export function sortSessionSpeakers(speakers: readonly SessionSpeaker[]): SessionSpeaker[] {
  return [...speakers].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
}
