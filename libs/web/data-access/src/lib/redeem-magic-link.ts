import { meSchema } from '@plenary/contracts';
import type { Me, RedeemMagicLink } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { replaceSignedInPerson } from './get-me';

/** POST /api/auth/magic-link: exchanges the token of a sign-in link for a session (cookie). */
export function redeemMagicLink(request: RedeemMagicLink): Promise<Me> {
  return apiRequest('POST', '/auth/magic-link', meSchema, { body: request });
}

export function useRedeemMagicLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeemMagicLink,
    onSuccess: (me) => replaceSignedInPerson(queryClient, me),
  });
}
