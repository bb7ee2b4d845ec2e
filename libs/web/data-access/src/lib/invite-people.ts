import { invitationsResultSchema } from '@plenary/contracts';
import type { InvitationsRequest, InvitationsResult } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/**
 * POST /api/events/:slug/invitations (organisers): gives each person their role and mails them an invitation;
 * all or nothing.
 */
export function invitePeople(slug: string, request: InvitationsRequest): Promise<InvitationsResult> {
  return apiRequest('POST', `/events/${encodeURIComponent(slug)}/invitations`, invitationsResultSchema, {
    body: request,
  });
}

export function useInvitePeople(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: InvitationsRequest) => invitePeople(slug, request),
    // Invitees who are registered already show their new role in the list.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) }),
  });
}
