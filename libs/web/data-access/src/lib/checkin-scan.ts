import { checkinBatchResultSchema, checkinResultSchema } from '@plenary/contracts';
import type {
  CheckinBatchRequest,
  CheckinBatchResult,
  CheckinRequest,
  CheckinResult,
} from '@plenary/contracts';
import { apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { checkinPath } from './checkin-query-keys';

/**
 * POST /api/events/:slug/checkins: one scan (a QR payload or a registration id found by search). Every verdict is
 * a `200` answer; a retry with the same nonce returns the first answer (`replayed`).
 */
export function postCheckin(
  slug: string,
  request: CheckinRequest,
  options: ApiRequestOptions = {},
): Promise<CheckinResult> {
  return apiRequest('POST', checkinPath(slug), checkinResultSchema, { ...options, body: request });
}

/** POST /api/events/:slug/checkins/batch: a device's offline queue (≤ 500 scans), answered in request order. */
export function postCheckinBatch(
  slug: string,
  request: CheckinBatchRequest,
  options: ApiRequestOptions = {},
): Promise<CheckinBatchResult> {
  return apiRequest('POST', checkinPath(slug, '/batch'), checkinBatchResultSchema, {
    ...options,
    body: request,
  });
}

/** POST /api/events/:slug/checkins/:checkinId/undo: takes an admission back within its undo window. */
export function undoCheckin(
  slug: string,
  checkinId: string,
  deviceId: string,
  options: ApiRequestOptions = {},
): Promise<CheckinResult> {
  return apiRequest(
    'POST',
    checkinPath(slug, `/${encodeURIComponent(checkinId)}/undo`),
    checkinResultSchema,
    {
      ...options,
      body: { deviceId },
    },
  );
}
