import { attendanceSummarySchema } from '@plenary/contracts';
import type { AttendanceSummary } from '@plenary/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** How often the organiser's attendance numbers refresh while the page is open. */
export const ATTENDANCE_REFRESH_MS = 5_000;

/**
 * GET /api/events/:slug/attendance (organisers): registrations, door admissions per day, online now and per-session
 * room / online / both counts.
 */
export function getAttendance(slug: string, options: ApiRequestOptions = {}): Promise<AttendanceSummary> {
  return apiGet(`/events/${encodeURIComponent(slug)}/attendance`, attendanceSummarySchema, options);
}

export function attendanceQueryOptions(slug: string) {
  return queryOptions({
    queryKey: personalQueryKeys.attendance(slug),
    queryFn: ({ signal }) => getAttendance(slug, { signal }),
    refetchInterval: ATTENDANCE_REFRESH_MS,
  });
}

/** The attendance summary, refreshed every few seconds. */
export function useAttendance(slug: string) {
  return useQuery(attendanceQueryOptions(slug));
}
