import { contactFormTokenSchema, contactMessageAcceptedSchema } from '@plenary/contracts';
import type { ContactFormToken, ContactMessageAccepted, ContactMessageRequest } from '@plenary/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';

const contactPath = (slug: string) => `/events/${encodeURIComponent(slug)}/contact`;

/** GET /api/events/:slug/contact/token: the signed token the contact form sends back. */
export function getContactFormToken(
  slug: string,
  options: ApiRequestOptions = {},
): Promise<ContactFormToken> {
  return apiGet(`${contactPath(slug)}/token`, contactFormTokenSchema, options);
}

/** The form's token, fetched when the form is shown; never refreshed on its own (its age is the fill time). */
export function useContactFormToken(slug: string) {
  return useQuery({
    queryKey: ['events', slug, 'contact-token'] as const,
    queryFn: ({ signal }) => getContactFormToken(slug, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** POST /api/events/:slug/contact: the message goes to the event's team by mail. */
export function sendContactMessage(
  slug: string,
  request: ContactMessageRequest,
): Promise<ContactMessageAccepted> {
  return apiRequest('POST', contactPath(slug), contactMessageAcceptedSchema, { body: request });
}

export function useSendContactMessage(slug: string) {
  return useMutation({ mutationFn: (request: ContactMessageRequest) => sendContactMessage(slug, request) });
}
