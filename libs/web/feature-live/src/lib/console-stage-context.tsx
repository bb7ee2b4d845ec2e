import { createContext, useContext } from 'react';
import type { ComponentType } from 'react';

/** What the moderator console hands the stage controls. */
export interface ConsoleStageProps {
  eventSlug: string;
  sessionId: string;
  headingLevel: 2 | 3;
}

/**
 * The video stage's controls shown at the top of the moderator console (the stage feature's; features do not
 * import each other, so the app provides it). Without a provider, the console shows Q&A and polls only.
 */
export const ConsoleStageContext = createContext<ComponentType<ConsoleStageProps> | undefined>(undefined);

export function useMaybeConsoleStageContext(): ComponentType<ConsoleStageProps> | undefined {
  return useContext(ConsoleStageContext);
}
