import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { replaceSignedInPerson } from './get-me';

/** POST /api/auth/sign-out: ends this browser's session. */
export function signOut(): Promise<void> {
  return apiRequest('POST', '/auth/sign-out', null);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => replaceSignedInPerson(queryClient, null),
  });
}
