import type { SessionSnapshot } from '@plenary/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useMe } from './get-me';
import { liveQueryKeys } from './live-session-cache';
import { ensureLiveSessionSync, retainLiveSessionSync } from './live-session-sync';
import { LiveAckError, isRetryableAck, jitteredBackoff, useEnsureLiveConnection } from './live-socket';
import type { LiveConnection, LiveConnectionState } from './live-socket';

/**
 * The query of a session's live snapshot: its function joins the session on the socket (`session:join`). It is
 * never stale by time: pushed events keep it current, and a gap, `session:resync` or reconnect refetches it.
 */
export function liveSessionQueryOptions(
  connection: LiveConnection,
  queryClient: QueryClient,
  sessionId: string,
) {
  return queryOptions<SessionSnapshot, Error>({
    queryKey: liveQueryKeys.session(sessionId),
    queryFn: () => ensureLiveSessionSync(connection, queryClient, sessionId).join(),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: (failureCount, error) =>
      error instanceof LiveAckError && isRetryableAck(error) && failureCount < 5,
    retryDelay: (attempt) => jitteredBackoff(attempt, { baseMs: 1_000 }),
  });
}

export interface UseLiveSessionOptions {
  /** False while the person may not take part (e.g. the session gate has not granted access). */
  enabled?: boolean;
  /** A connection other than the provided or shared one (tests). */
  connection?: LiveConnection;
}

export interface LiveSessionResult {
  /** The snapshot kept current by pushed events; undefined until the first join answered. */
  snapshot: SessionSnapshot | undefined;
  /** The join query: `error` is a `LiveAckError` when the server refused (e.g. `registration/not-approved`). */
  query: ReturnType<typeof useQuery<SessionSnapshot, Error>>;
  connection: LiveConnectionState;
}

/**
 * Joins a session's live Q&A and polls over the tab's shared socket and keeps its snapshot in the TanStack Query
 * cache (`liveQueryKeys.session`): pushed events are applied in sequence order, and the session is joined again
 * after a gap, a `session:resync` or a reconnect. Also says how the connection is doing.
 */
export function useLiveSession(
  sessionId: string,
  { enabled = true, connection }: UseLiveSessionOptions = {},
): LiveSessionResult {
  const ensured = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();

  useEffect(
    () => (enabled ? retainLiveSessionSync(ensured, queryClient, sessionId) : undefined),
    [enabled, ensured, queryClient, sessionId],
  );
  useReconnectOnSignInChange(ensured, enabled);

  const query = useQuery({ ...liveSessionQueryOptions(ensured, queryClient, sessionId), enabled });
  const state = useSyncExternalStore(ensured.subscribe, ensured.getState, ensured.getState);
  return { snapshot: query.data, query, connection: state };
}

/** The socket authenticated with the cookie of its handshake: a different person needs a new handshake. */
function useReconnectOnSignInChange(connection: LiveConnection, enabled: boolean): void {
  const me = useMe();
  const personId = me.data === undefined ? undefined : (me.data?.person.id ?? null);
  const previous = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (personId === undefined) return;
    if (enabled && previous.current !== undefined && previous.current !== personId) connection.reconnect();
    previous.current = personId;
  }, [connection, enabled, personId]);
}
