import {
  handEntrySchema,
  handQueueSchema,
  stageStateSchema,
  type BanParticipant,
  type HandQueue,
  type MuteTrack,
  type RemoveParticipant,
  type StageState,
} from '@plenary/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { stagePath, stageQueryKeys } from './stage-state';

export { handQueueSchema, type HandQueue };

/** GET …/stage/hands (moderators): the raise-hand queue, oldest first. */
export function getStageHands(
  slug: string,
  sessionId: string,
  options: ApiRequestOptions = {},
): Promise<HandQueue> {
  return apiGet(stagePath(slug, sessionId, 'hands'), handQueueSchema, options);
}

export function useStageHands(
  slug: string,
  sessionId: string,
  { enabled = true }: { enabled?: boolean } = {},
) {
  return useQuery({
    queryKey: stageQueryKeys.hands(slug, sessionId),
    queryFn: ({ signal }) => getStageHands(slug, sessionId, { signal }),
    enabled,
  });
}

/** The moderator's stage transitions: open the backstage, go live, end; start or stop the recording. */
export type StageTransition = 'backstage' | 'live' | 'end' | 'record' | 'stop-recording';

/** POST …/stage/backstage | live | end, POST/DELETE …/stage/recording (moderators): answers the new state. */
export function changeStage(
  slug: string,
  sessionId: string,
  transition: StageTransition,
): Promise<StageState> {
  if (transition === 'record') {
    return apiRequest('POST', stagePath(slug, sessionId, 'recording'), stageStateSchema);
  }
  if (transition === 'stop-recording') {
    return apiRequest('DELETE', stagePath(slug, sessionId, 'recording'), stageStateSchema);
  }
  return apiRequest('POST', stagePath(slug, sessionId, transition), stageStateSchema);
}

export function useChangeStage(slug: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (transition: StageTransition) => changeStage(slug, sessionId, transition),
    onSuccess: (stage) => queryClient.setQueryData(stageQueryKeys.state(slug, sessionId), stage),
    // `end` fails after committing when LiveKit is down (`details.state: 'ended'`): read the state again.
    onError: () => queryClient.invalidateQueries({ queryKey: stageQueryKeys.state(slug, sessionId) }),
  });
}

/** A moderator action on one participant, by LiveKit identity. */
export type ParticipantAction =
  | { kind: 'invite'; identity: string }
  | { kind: 'demote'; identity: string }
  | ({ kind: 'mute' } & MuteTrack)
  | ({ kind: 'remove' } & RemoveParticipant)
  | ({ kind: 'ban' } & BanParticipant);

/**
 * POST …/stage/invitations | demote | mute | remove | ban (moderators). LiveKit failures answer
 * `502 media/livekit-unavailable` or `409 media/participant-not-connected`: they reject, never silently.
 */
export async function moderateParticipant(
  slug: string,
  sessionId: string,
  { kind, ...body }: ParticipantAction,
): Promise<void> {
  if (kind === 'invite') {
    await apiRequest('POST', stagePath(slug, sessionId, 'invitations'), handEntrySchema, { body });
    return;
  }
  await apiRequest('POST', stagePath(slug, sessionId, kind), null, { body });
}

export function useModerateParticipant(slug: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: ParticipantAction) => moderateParticipant(slug, sessionId, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stageQueryKeys.hands(slug, sessionId) }),
  });
}
