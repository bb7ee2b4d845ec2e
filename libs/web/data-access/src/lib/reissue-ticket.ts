import { useMutation } from '@tanstack/react-query';
import { apiRequest } from './api-client';

/** POST /api/events/:slug/registrations/:registrationId/ticket/reissue (organisers): replaces the person's QR code. */
export function reissueTicket(slug: string, registrationId: string): Promise<void> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/registrations/${encodeURIComponent(registrationId)}/ticket/reissue`,
    null,
  );
}

export function useReissueTicket(slug: string) {
  return useMutation({ mutationFn: (registrationId: string) => reissueTicket(slug, registrationId) });
}
