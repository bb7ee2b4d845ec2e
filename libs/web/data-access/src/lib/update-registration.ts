import { registrationRowSchema } from '@plenary/contracts';
import type { Attendance, RegistrationRow } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

export interface UpdateRegistrationInput {
  registrationId: string;
  attendance: Attendance;
}

/** PATCH /api/events/:slug/registrations/:registrationId (organisers): changes how the person attends. */
export function updateRegistration(
  slug: string,
  { registrationId, attendance }: UpdateRegistrationInput,
): Promise<RegistrationRow> {
  return apiRequest(
    'PATCH',
    `/events/${encodeURIComponent(slug)}/registrations/${encodeURIComponent(registrationId)}`,
    registrationRowSchema,
    { body: { attendance } },
  );
}

export function useUpdateRegistration(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateRegistrationInput) => updateRegistration(slug, input),
    // Capacity may move someone between approved and waitlisted: reload the list and its counts.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) }),
  });
}
