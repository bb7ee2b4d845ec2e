import type {
  ModerationAction,
  QuestionAsk,
  QuestionFloor,
  QuestionView,
  SessionSnapshot,
  UpvoteResult,
} from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addQuestionIfAbsent, liveQueryKeys, setMyUpvote, updateLiveSession } from './live-session-cache';
import { unwrapAck, useEnsureLiveConnection } from './live-socket';
import type { LiveConnection } from './live-socket';

/** What the ask form sends; `clientId` stays the same for every retry of one question (see `newClientId`). */
export type AskQuestionInput = Omit<QuestionAsk, 'sessionId'>;

/** `question:ask`: asks a question; it appears in the cache at once (as pending, or approved in open mode). */
export function useAskQuestion(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<QuestionView, Error, AskQuestionInput>({
    mutationFn: async (input) => unwrapAck(await live.request('question:ask', { ...input, sessionId })),
    onSuccess: (question) =>
      updateLiveSession(queryClient, sessionId, (snapshot) => addQuestionIfAbsent(snapshot, question)),
  });
}

export type FloorQuestionInput = Omit<QuestionFloor, 'sessionId'>;

/** `question:floor` (moderators): enters a question asked at the microphone or handed in, already approved. */
export function useEnterFloorQuestion(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<QuestionView, Error, FloorQuestionInput>({
    mutationFn: async (input) => unwrapAck(await live.request('question:floor', { ...input, sessionId })),
    onSuccess: (question) =>
      updateLiveSession(queryClient, sessionId, (snapshot) => addQuestionIfAbsent(snapshot, question)),
  });
}

/** `question:edit`: the asker while pending, moderators any time (audited). The change arrives as an event. */
export function useEditQuestion(connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  return useMutation<QuestionView, Error, { questionId: string; text: string }>({
    mutationFn: async (input) => unwrapAck(await live.request('question:edit', input)),
  });
}

/** `question:withdraw`: the asker takes back a pending question. */
export function useWithdrawQuestion(connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  return useMutation<QuestionView, Error, { questionId: string }>({
    mutationFn: async (input) => unwrapAck(await live.request('question:withdraw', input)),
  });
}

/**
 * `question:upvote`: adds or removes the viewer's upvote. The pressed state changes at once and is put back if
 * the server refuses; the counts follow with the next ranked list (a few per second).
 */
export function useUpvoteQuestion(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<UpvoteResult, Error, { questionId: string; up: boolean }, { before: boolean }>({
    mutationFn: async (input) => unwrapAck(await live.request('question:upvote', input)),
    onMutate: ({ questionId, up }) => {
      const snapshot = queryClient.getQueryData<SessionSnapshot>(liveQueryKeys.session(sessionId));
      const before = snapshot?.myUpvotes.includes(questionId) ?? !up;
      updateLiveSession(queryClient, sessionId, (current) => setMyUpvote(current, questionId, up));
      return { before };
    },
    onError: (_error, { questionId }, context) => {
      if (context) {
        updateLiveSession(queryClient, sessionId, (current) =>
          setMyUpvote(current, questionId, context.before),
        );
      }
    },
    onSuccess: ({ questionId, up }) =>
      updateLiveSession(queryClient, sessionId, (current) => setMyUpvote(current, questionId, up)),
  });
}

/** `question:moderate` (moderators): approve, reject, highlight, unhighlight, mark answered, archive. */
export function useModerateQuestion(connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  return useMutation<QuestionView, Error, { questionId: string; action: ModerationAction }>({
    mutationFn: async (input) => unwrapAck(await live.request('question:moderate', input)),
  });
}
