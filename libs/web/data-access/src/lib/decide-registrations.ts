import { bulkDecisionResultSchema } from '@plenary/contracts';
import type { BulkDecisionRequest, BulkDecisionResult } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/** POST /api/events/:slug/registrations/decisions (organisers): approves, rejects or cancels registrations. */
export function decideRegistrations(slug: string, request: BulkDecisionRequest): Promise<BulkDecisionResult> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/registrations/decisions`,
    bulkDecisionResultSchema,
    { body: request },
  );
}

export function useDecideRegistrations(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: BulkDecisionRequest) => decideRegistrations(slug, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) }),
  });
}
