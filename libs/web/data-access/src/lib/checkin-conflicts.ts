import { conflictReportSchema } from '@plenary/contracts';
import type { ConflictReport } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { checkinPath, checkinQueryKeys } from './checkin-query-keys';

/** GET /api/events/:slug/checkins/conflicts (organisers): duplicate entries and stale-snapshot admissions. */
export function getCheckinConflicts(slug: string, options: ApiRequestOptions = {}): Promise<ConflictReport> {
  return apiGet(checkinPath(slug, '/conflicts'), conflictReportSchema, options);
}

export function checkinConflictsQueryOptions(slug: string) {
  return queryOptions({
    queryKey: checkinQueryKeys.conflicts(slug),
    queryFn: ({ signal }) => getCheckinConflicts(slug, { signal }),
  });
}

export function useCheckinConflicts(slug: string) {
  return useQuery(checkinConflictsQueryOptions(slug));
}
