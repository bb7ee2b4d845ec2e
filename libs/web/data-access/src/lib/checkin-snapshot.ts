import { checkinSnapshotSchema } from '@plenary/contracts';
import type { CheckinSnapshot, SnapshotQuery } from '@plenary/contracts';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { checkinPath } from './checkin-query-keys';

/**
 * GET /api/events/:slug/checkins/snapshot: everything a device needs to decide offline — in full without `since`,
 * the changes since a cursor with it.
 */
export function getCheckinSnapshot(
  slug: string,
  query: SnapshotQuery,
  options: ApiRequestOptions = {},
): Promise<CheckinSnapshot> {
  const params = new URLSearchParams({ deviceId: query.deviceId });
  if (query.since !== undefined) params.set('since', query.since);
  return apiGet(checkinPath(slug, `/snapshot?${params.toString()}`), checkinSnapshotSchema, options);
}
