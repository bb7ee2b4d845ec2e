import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useMe } from './get-me';
import { useEnsureLiveConnection } from './live-socket';
import type { LiveConnection } from './live-socket';
import { personalQueryKeys } from './query-keys';

/** Reads the person, and their ticket and registration at one event, again. */
function refreshRegistration(queryClient: QueryClient, slug: string): void {
  void queryClient.invalidateQueries({ queryKey: personalQueryKeys.me(), exact: true });
  void queryClient.invalidateQueries({ queryKey: personalQueryKeys.ticket(slug) });
  void queryClient.invalidateQueries({ queryKey: personalQueryKeys.registration(slug) });
}

/**
 * Keeps a page that shows the signed-in person's registration or ticket at one event true: an approval, a
 * cancellation (by them or an organiser), a rejection or a reissued ticket reaches it as an
 * `account:registration-changed` push on the live connection (PostgreSQL NOTIFY → live service → browser), and
 * the page reads its data again — the old QR code never stays on screen. After every (re)connect it reads again
 * too (pushes may have been missed). A push for another event is ignored once the event's id is known.
 */
export function useRegistrationUpdates(
  slug: string,
  eventId: string | undefined,
  connection?: LiveConnection,
): void {
  const signedIn = Boolean(useMe().data);
  const queryClient = useQueryClient();
  const live = useEnsureLiveConnection(connection);

  useEffect(() => {
    if (!signedIn) return;
    const release = live.acquire();
    const onChanged = (push: { eventId: string }) => {
      if (eventId && push.eventId !== eventId) return;
      refreshRegistration(queryClient, slug);
    };
    // Pushes sent before this socket joined its person's room are lost: read again on every (re)connect.
    const onConnect = () => refreshRegistration(queryClient, slug);
    live.socket.on('account:registration-changed', onChanged);
    live.socket.on('connect', onConnect);
    return () => {
      live.socket.off('account:registration-changed', onChanged);
      live.socket.off('connect', onConnect);
      release();
    };
  }, [signedIn, slug, eventId, live, queryClient]);
}
