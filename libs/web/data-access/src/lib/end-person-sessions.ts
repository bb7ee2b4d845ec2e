import { endedSessionsSchema, type EndedSessions, type Me } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { idempotentMutationRetry } from './query-client';
import { replaceSignedInPerson } from './get-me';
import { personalQueryKeys } from './query-keys';

/**
 * DELETE /api/events/:slug/people/:personId/sessions (organisers): signs a participant out on every device,
 * e.g. after a lost phone.
 */
export function endPersonSessions(slug: string, personId: string): Promise<EndedSessions> {
  return apiRequest(
    'DELETE',
    `/events/${encodeURIComponent(slug)}/people/${encodeURIComponent(personId)}/sessions`,
    endedSessionsSchema,
  );
}

export function useEndPersonSessions(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => endPersonSessions(slug, personId),
    // Safe to send twice: waits out a short outage instead of failing at once.
    ...idempotentMutationRetry,
    onSuccess: async (_result, personId) => {
      // An organiser who ends their own sessions has just signed themselves out too.
      const me = queryClient.getQueryData<Me | null>(personalQueryKeys.me());
      if (me?.person.id === personId) await replaceSignedInPerson(queryClient, null);
    },
  });
}
