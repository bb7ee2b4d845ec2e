import { myPresenceSchema } from '@plenary/contracts';
import type { MyPresence, PresenceChangedEvent } from '@plenary/contracts';
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { useMe } from './get-me';
import { useEnsureLiveConnection } from './live-socket';
import type { LiveConnection } from './live-socket';
import { personalQueryKeys } from './query-keys';

/** GET /api/events/:slug/my/presence: whether the signed-in person stands admitted at the door today. */
export function getMyPresence(slug: string, options: ApiRequestOptions = {}): Promise<MyPresence> {
  return apiGet(`/events/${encodeURIComponent(slug)}/my/presence`, myPresenceSchema, options);
}

export function myPresenceQueryOptions(slug: string) {
  return queryOptions({
    queryKey: personalQueryKeys.presence(slug),
    queryFn: ({ signal }) => getMyPresence(slug, { signal }),
    staleTime: Infinity,
  });
}

/** The hybrid mode of the signed-in person at one event. */
export interface HybridMode {
  /** Admitted at the door today: in-room mode (no stream autoplay; Q&A and polls stay on). */
  inRoom: boolean;
  /** The event day the answer is for (null until known). */
  day: string | null;
}

/**
 * The hybrid switch, for any feature (programme, stage, live panel) to read without importing another: the state
 * comes from `GET …/my/presence` and follows `attendance:presence` pushes on the live connection — a door check-in
 * switches to in-room mode, an undone one back, without a reload. Every caller shares one query, so it is the same
 * answer everywhere on the page. After a reconnect the state is read again (pushes may have been missed); a push
 * for another day (an offline upload of yesterday's scans) does not switch today's mode. Signed out: never in the
 * room.
 */
export function useHybridMode(slug: string, connection?: LiveConnection): HybridMode {
  const signedIn = Boolean(useMe().data);
  const query = useQuery({ ...myPresenceQueryOptions(slug), enabled: signedIn });
  const queryClient = useQueryClient();
  const live = useEnsureLiveConnection(connection);

  useEffect(() => {
    if (!signedIn) return;
    const key = personalQueryKeys.presence(slug);
    const release = live.acquire();
    const onPresence = (event: PresenceChangedEvent) => {
      const current = queryClient.getQueryData<MyPresence>(key);
      if (current && current.eventId !== event.eventId) return;
      if (current && current.day === event.day) {
        queryClient.setQueryData<MyPresence>(key, { ...current, inRoomToday: event.inRoom });
      } else {
        // Not known yet, or the day turned: ask which day is today and how the person stands on it.
        void queryClient.invalidateQueries({ queryKey: key });
      }
    };
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: key });
    live.socket.on('attendance:presence', onPresence);
    live.socket.on('connect', onConnect);
    return () => {
      live.socket.off('attendance:presence', onPresence);
      live.socket.off('connect', onConnect);
      release();
    };
  }, [signedIn, slug, live, queryClient]);

  if (!signedIn || !query.data) return { inRoom: false, day: query.data?.day ?? null };
  return { inRoom: query.data.inRoomToday, day: query.data.day };
}
