import { acceptedResponseSchema } from '@plenary/contracts';
import type { AcceptedResponse, RegistrationRequest } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/**
 * POST /api/events/:slug/registrations: the public form. Answers "accepted" whether or not the address was known;
 * an existing registration is changed only by its owner, signed in (`saveMyRegistration`).
 */
export function createRegistration(slug: string, request: RegistrationRequest): Promise<AcceptedResponse> {
  return apiRequest('POST', `/events/${encodeURIComponent(slug)}/registrations`, acceptedResponseSchema, {
    body: request,
  });
}

export function useCreateRegistration(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RegistrationRequest) => createRegistration(slug, request),
    // A person signed in with that address saves their own registration through the form too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.all() }),
  });
}
