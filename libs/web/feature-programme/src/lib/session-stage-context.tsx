import { createContext, useContext } from 'react';
import type { ComponentType } from 'react';

/** What the session page hands the video stage. */
export interface SessionStageSlotProps {
  eventSlug: string;
  sessionId: string;
  /** The session's start and end (ISO) and the event's time zone, for "starting soon" (or "over"). */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The id the stage gives its h2: the page's stage region is labelled by it. */
  headingId: string;
}

/**
 * The video stage shown once the session gate grants access (the stage feature's LiveKit panels; features do not
 * import each other, so the app provides it). Without a provider, the page shows a placeholder screen.
 */
export const SessionStageContext = createContext<ComponentType<SessionStageSlotProps> | undefined>(undefined);

/** The provided stage, or undefined. */
export function useMaybeSessionStageContext(): ComponentType<SessionStageSlotProps> | undefined {
  return useContext(SessionStageContext);
}
