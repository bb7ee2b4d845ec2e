import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { idempotentMutationRetry } from './query-client';
import { replaceSignedInPerson } from './get-me';

/** POST /api/auth/sign-out: ends this browser's session. */
export function signOut(): Promise<void> {
  return apiRequest('POST', '/auth/sign-out', null);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Safe to send twice: waits out a short outage instead of failing at once.
    ...idempotentMutationRetry,
    onSuccess: () => replaceSignedInPerson(queryClient, null),
  });
}
