import type { EntityManager } from 'typeorm';

/**
 * Seam for the contexts that keep data about a session (questions and polls, video and page attendance): whether
 * the session has any, in which case it may be cancelled but not deleted. Bind implementations with
 * `OrganisingModule.register({ sessionActivity })`; each answers from its own tables.
 */
export interface SessionActivitySource {
  hasActivity(manager: EntityManager, sessionId: string): Promise<boolean>;
}

export const SESSION_ACTIVITY_SOURCES = Symbol('SESSION_ACTIVITY_SOURCES');
