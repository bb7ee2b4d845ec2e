import { myHandSchema, type MyHand } from '@plenary/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { stagePath, stageQueryKeys } from './stage-state';

export { myHandSchema, type MyHand };

/** GET …/stage/hand: the signed-in person's hand (`none`, `raised`, `invited`, `on_stage`). */
export function getMyHand(slug: string, sessionId: string, options: ApiRequestOptions = {}): Promise<MyHand> {
  return apiGet(stagePath(slug, sessionId, 'hand'), myHandSchema, options);
}

export function useMyHand(slug: string, sessionId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: stageQueryKeys.myHand(slug, sessionId),
    queryFn: ({ signal }) => getMyHand(slug, sessionId, { signal }),
    staleTime: 60_000,
    enabled,
  });
}

type HandAction = 'raise' | 'lower' | 'accept';

/** POST …/stage/hand (raise), DELETE …/stage/hand (lower or decline), POST …/stage/hand/accept. */
export function changeMyHand(slug: string, sessionId: string, action: HandAction): Promise<MyHand> {
  if (action === 'accept') return apiRequest('POST', stagePath(slug, sessionId, 'hand/accept'), myHandSchema);
  return apiRequest(action === 'raise' ? 'POST' : 'DELETE', stagePath(slug, sessionId, 'hand'), myHandSchema);
}

/** Raise, lower or accept; the answer becomes the cached hand. */
export function useChangeMyHand(slug: string, sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: HandAction) => changeMyHand(slug, sessionId, action),
    onSuccess: (hand) => queryClient.setQueryData(stageQueryKeys.myHand(slug, sessionId), hand),
  });
}
