import { myRegistrationSchema } from '@plenary/contracts';
import type { MyRegistration, MyRegistrationRequest } from '@plenary/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

const myRegistrationPath = (slug: string): string => `/events/${encodeURIComponent(slug)}/my/registration`;

/**
 * GET /api/events/:slug/my/registration: the signed-in person's registration. Fails with 401 (signed out) or 404
 * `registration/not-registered`.
 */
export function getMyRegistration(slug: string, options: ApiRequestOptions = {}): Promise<MyRegistration> {
  return apiGet(myRegistrationPath(slug), myRegistrationSchema, options);
}

export function myRegistrationQueryOptions(slug: string) {
  return queryOptions({
    queryKey: personalQueryKeys.registration(slug),
    queryFn: ({ signal }) => getMyRegistration(slug, { signal }),
  });
}

/** The registration; pass `enabled: false` while nobody is signed in. */
export function useMyRegistration(slug: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...myRegistrationQueryOptions(slug), enabled });
}

/** PUT /api/events/:slug/my/registration: registers the signed-in person or changes their registration. */
export function saveMyRegistration(slug: string, request: MyRegistrationRequest): Promise<MyRegistration> {
  return apiRequest('PUT', myRegistrationPath(slug), myRegistrationSchema, { body: request });
}

/** POST /api/events/:slug/my/registration/cancel: the signed-in person cancels their registration. */
export function cancelMyRegistration(slug: string): Promise<MyRegistration> {
  return apiRequest('POST', `${myRegistrationPath(slug)}/cancel`, myRegistrationSchema);
}

function useMyRegistrationMutation<Input>(
  slug: string,
  mutationFn: (input: Input) => Promise<MyRegistration>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (registration) => {
      queryClient.setQueryData(personalQueryKeys.registration(slug), registration);
      // Status, attendance, the ticket and the name in the header may all have changed.
      await queryClient.invalidateQueries({ queryKey: personalQueryKeys.all() });
    },
  });
}

export function useSaveMyRegistration(slug: string) {
  return useMyRegistrationMutation(slug, (request: MyRegistrationRequest) =>
    saveMyRegistration(slug, request),
  );
}

export function useCancelMyRegistration(slug: string) {
  return useMyRegistrationMutation(slug, () => cancelMyRegistration(slug));
}
