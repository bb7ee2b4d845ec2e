import { eventSettingsSchema } from '@plenary/contracts';
import type { EventSettings } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { idempotentMutationRetry } from './query-client';
import { personalQueryKeys } from './query-keys';

/** PUT /api/events/:slug/settings (organisers): stores the approval mode and in-person capacity. */
export function updateEventSettings(slug: string, settings: EventSettings): Promise<EventSettings> {
  return apiRequest('PUT', `/events/${encodeURIComponent(slug)}/settings`, eventSettingsSchema, {
    body: settings,
  });
}

export function useUpdateEventSettings(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: EventSettings) => updateEventSettings(slug, settings),
    // Safe to send twice: waits out a short outage instead of failing at once.
    ...idempotentMutationRetry,
    onSuccess: async (settings) => {
      queryClient.setQueryData(personalQueryKeys.settings(slug), settings);
      // A new capacity or approval mode can move waitlisted registrations up.
      await queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) });
    },
  });
}
