import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { replaceSignedInPerson } from './get-me';

/**
 * POST /api/me/erase: deletes the signed-in person and everything personal about them, for good, and ends the
 * session. The body carries the typed confirmation the API insists on.
 */
export function eraseMe(): Promise<void> {
  return apiRequest('POST', '/me/erase', null, { body: { confirm: 'ERASE' } });
}

export function useEraseMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: eraseMe,
    // Like a sign-out: nothing of the erased person may stay on screen.
    onSuccess: () => replaceSignedInPerson(queryClient, null),
  });
}
