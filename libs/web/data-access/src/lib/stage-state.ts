import { stageStateSchema, type StageState } from '@plenary/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { useEnsureLiveConnection, type LiveConnection } from './live-socket';
import { useLiveSession } from './use-live-session';

export { stageStateSchema, type StageState };

const base = (slug: string, sessionId: string) =>
  `/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}/stage`;

/** The path of a stage endpoint under `/api` (`action` e.g. `hand`, `hands`, `live`). */
export function stagePath(slug: string, sessionId: string, action?: string): string {
  return action ? `${base(slug, sessionId)}/${action}` : base(slug, sessionId);
}

/** Query keys of the video stage; under `me` (they depend on who is signed in). */
export const stageQueryKeys = {
  all: (slug: string, sessionId: string) => ['me', 'events', slug, 'sessions', sessionId, 'stage'] as const,
  state: (slug: string, sessionId: string) =>
    ['me', 'events', slug, 'sessions', sessionId, 'stage', 'state'] as const,
  myHand: (slug: string, sessionId: string) =>
    ['me', 'events', slug, 'sessions', sessionId, 'stage', 'hand'] as const,
  hands: (slug: string, sessionId: string) =>
    ['me', 'events', slug, 'sessions', sessionId, 'stage', 'hands'] as const,
};

/** GET /api/events/:slug/sessions/:sessionId/stage: state, backstage open, recording (signed in). */
export function getStage(
  slug: string,
  sessionId: string,
  options: ApiRequestOptions = {},
): Promise<StageState> {
  return apiGet(base(slug, sessionId), stageStateSchema, options);
}

export function stageQueryOptions(slug: string, sessionId: string) {
  return queryOptions({
    queryKey: stageQueryKeys.state(slug, sessionId),
    queryFn: ({ signal }) => getStage(slug, sessionId, { signal }),
    // Pushed `stage:changed` events keep it current; a reconnect refetches it.
    staleTime: 60_000,
  });
}

export function useStage(slug: string, sessionId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...stageQueryOptions(slug, sessionId), enabled });
}

/**
 * Keeps the stage queries current from the live socket: joins the session's live channel (shared with the Q&A
 * panel), applies `stage:changed` and `stage:my-hand`, refetches the moderators' queue on `stage:hands-changed`,
 * and refetches everything after a reconnect (socket pushes carry no sequence number).
 */
export function useStageSignals(
  slug: string,
  sessionId: string,
  { enabled = true, connection }: { enabled?: boolean; connection?: LiveConnection } = {},
): void {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  useLiveSession(sessionId, { enabled, connection: live });
  useEffect(() => {
    if (!enabled) return undefined;
    const socket = live.socket;
    const onStage = (stage: StageState) => {
      if (stage.sessionId !== sessionId) return;
      queryClient.setQueryData(stageQueryKeys.state(slug, sessionId), stage);
      // Ending clears every hand; the queue and my hand follow the stage.
      void queryClient.invalidateQueries({ queryKey: stageQueryKeys.hands(slug, sessionId) });
      if (stage.state === 'ended') {
        queryClient.setQueryData(stageQueryKeys.myHand(slug, sessionId), { status: 'none' });
      }
    };
    const onHands = (event: { sessionId: string }) => {
      if (event.sessionId === sessionId) {
        void queryClient.invalidateQueries({ queryKey: stageQueryKeys.hands(slug, sessionId) });
      }
    };
    const onMyHand = (event: { sessionId: string; status: 'none' | 'raised' | 'invited' | 'on_stage' }) => {
      if (event.sessionId === sessionId) {
        queryClient.setQueryData(stageQueryKeys.myHand(slug, sessionId), { status: event.status });
      }
    };
    let connectedBefore = socket.connected;
    const onConnect = () => {
      // The first connect has nothing to catch up on; every later one may have missed pushes.
      if (connectedBefore)
        void queryClient.invalidateQueries({ queryKey: stageQueryKeys.all(slug, sessionId) });
      connectedBefore = true;
    };
    socket.on('stage:changed', onStage);
    socket.on('stage:hands-changed', onHands);
    socket.on('stage:my-hand', onMyHand);
    socket.on('connect', onConnect);
    return () => {
      socket.off('stage:changed', onStage);
      socket.off('stage:hands-changed', onHands);
      socket.off('stage:my-hand', onMyHand);
      socket.off('connect', onConnect);
    };
  }, [enabled, live, queryClient, sessionId, slug]);
}
