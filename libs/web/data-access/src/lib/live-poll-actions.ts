import type { PollCreate, PollView, PollVoteResult } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addPollIfAbsent, setMyVote, updateLiveSession } from './live-session-cache';
import { LiveAckError, unwrapAck, useEnsureLiveConnection } from './live-socket';
import type { LiveConnection } from './live-socket';

/** What the poll builder sends; `clientId` stays the same for every retry of one poll. */
export type CreatePollInput = Omit<PollCreate, 'sessionId'>;

/** `poll:create` (moderators): a draft poll, shown to moderators at once. */
export function useCreatePoll(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<PollView, Error, CreatePollInput>({
    mutationFn: async (input) => unwrapAck(await live.request('poll:create', { ...input, sessionId })),
    onSuccess: (poll) =>
      updateLiveSession(queryClient, sessionId, (snapshot) => addPollIfAbsent(snapshot, poll)),
  });
}

/** `poll:open` / `poll:close` (moderators): draft → open → closed. The change arrives as an event. */
export function usePollTransition(connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  return useMutation<PollView, Error, { pollId: string; to: 'open' | 'closed' }>({
    mutationFn: async ({ pollId, to }) =>
      unwrapAck(await live.request(to === 'open' ? 'poll:open' : 'poll:close', { pollId })),
  });
}

/**
 * `poll:vote`: the viewer's ballot. The stored ballot is recorded in the cache, also when the server answers
 * `engagement/already-voted` with the ballot it kept.
 */
export function useVotePoll(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<PollVoteResult, Error, { pollId: string; optionIds: string[] }>({
    mutationFn: async (input) => unwrapAck(await live.request('poll:vote', input)),
    onSuccess: ({ pollId, myVote }) =>
      updateLiveSession(queryClient, sessionId, (snapshot) => setMyVote(snapshot, pollId, myVote)),
    onError: (error, { pollId }) => {
      const stored = storedBallot(error);
      if (stored)
        updateLiveSession(queryClient, sessionId, (snapshot) => setMyVote(snapshot, pollId, stored));
    },
  });
}

function storedBallot(error: Error): string[] | null {
  if (!(error instanceof LiveAckError) || error.code !== 'engagement/already-voted') return null;
  const myVote = (error.details as { myVote?: unknown } | undefined)?.myVote;
  return Array.isArray(myVote) && myVote.every((id) => typeof id === 'string') ? myVote : null;
}
