/** socket.io room names of the engagement context. */
export const rooms = {
  /** Everyone who joined the session. */
  session: (sessionId: string): string => `session:${sessionId}`,
  /** Moderators and organisers of the session's event: pending questions, drafts, all results. */
  moderators: (sessionId: string): string => `session:${sessionId}:mod`,
  /** One person's sockets in one session: their own pending questions. */
  person: (sessionId: string, personId: string): string => `session:${sessionId}:person:${personId}`,
  /** People who voted in a poll whose results show after voting. */
  voters: (sessionId: string, pollId: string): string => `session:${sessionId}:poll:${pollId}:voters`,
  /** Prefix shared by every room of a session. */
  prefix: (sessionId: string): string => `session:${sessionId}`,
};
