import { acceptedResponseSchema } from '@plenary/contracts';
import type { AcceptedResponse, SignInRequest } from '@plenary/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from './api-client';

/** POST /api/auth/sign-in: mails a sign-in link and a 6-digit code if the address is known; always "accepted". */
export function requestSignIn(request: SignInRequest): Promise<AcceptedResponse> {
  return apiRequest('POST', '/auth/sign-in', acceptedResponseSchema, { body: request });
}

export function useRequestSignIn() {
  return useMutation({ mutationFn: requestSignIn });
}
