import type { EntityManager } from 'typeorm';

/** Work to do once the cancelling transaction committed (calls to other services, such as LiveKit). */
export type AfterCommit = () => Promise<void>;

/**
 * Seam for the contexts that run something live in a session (Q&A and polls, the video stage): a cancelled session
 * closes them cleanly (issue #12). Bind implementations with `OrganisingModule.register({ sessionCancellation })`;
 * organising never imports those contexts. `closeSession` runs in the cancelling transaction before the programme's
 * row is written (lock order: each context's own rows first, as their own writes take them), so the cancel and the
 * closing commit together or not at all; what it returns runs after the commit, and its failure is logged, not
 * answered (the session stays cancelled).
 */
export interface SessionCancellationHandler {
  closeSession(manager: EntityManager, eventId: string, sessionId: string): Promise<AfterCommit | undefined>;
}

export const SESSION_CANCELLATION_HANDLERS = Symbol('SESSION_CANCELLATION_HANDLERS');
