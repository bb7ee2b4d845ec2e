import { acceptedResponseSchema } from '@plenary/contracts';
import type { AcceptedResponse, RegistrationRequest } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/**
 * POST /api/events/:slug/registrations: registers (or updates the registration of) the e-mail address.
 * Answers "accepted" whether or not the address was known.
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
    // A signed-in person who re-registers may have changed attendance or status.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.all() }),
  });
}
