import { mediaTokenResponseSchema, type MediaRoom, type MediaTokenResponse } from '@plenary/contracts';
import { apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';

export { mediaTokenResponseSchema, type MediaTokenResponse };

/**
 * POST /api/events/:slug/sessions/:sessionId/media-token (CSRF header included): a LiveKit token for the main room
 * or the backstage, `201 { server_url, participant_token }`. Fails with 403 `media/session-not-open`,
 * `media/banned`, `media/not-approved`, 429 `core/rate-limited`.
 */
export function createMediaToken(
  slug: string,
  sessionId: string,
  room: MediaRoom,
  options: ApiRequestOptions = {},
): Promise<MediaTokenResponse> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/sessions/${encodeURIComponent(sessionId)}/media-token`,
    mediaTokenResponseSchema,
    { ...options, body: { room } },
  );
}
