import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { idempotentMutationRetry } from './query-client';
import { replaceSignedInPerson } from './get-me';

/** POST /api/auth/sign-out-everywhere: ends every session of the person, on all devices. */
export function signOutEverywhere(): Promise<void> {
  return apiRequest('POST', '/auth/sign-out-everywhere', null);
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutEverywhere,
    // Safe to send twice: waits out a short outage instead of failing at once.
    ...idempotentMutationRetry,
    onSuccess: () => replaceSignedInPerson(queryClient, null),
  });
}
