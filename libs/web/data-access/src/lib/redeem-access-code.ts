import { meSchema } from '@plenary/contracts';
import type { Me, RedeemAccessCode } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { replaceSignedInPerson } from './get-me';

/** POST /api/auth/access-code: exchanges the e-mail address and the 6-digit code for a session (cookie). */
export function redeemAccessCode(request: RedeemAccessCode): Promise<Me> {
  return apiRequest('POST', '/auth/access-code', meSchema, { body: request });
}

export function useRedeemAccessCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeemAccessCode,
    onSuccess: (me) => replaceSignedInPerson(queryClient, me),
  });
}
