import { attendanceTimelineSchema } from '@plenary/contracts';
import type { AttendanceTimeline } from '@plenary/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** The curve changes by the 5-minute point: refreshing it this often is plenty. */
export const ATTENDANCE_TIMELINE_REFRESH_MS = 30_000;

/**
 * GET /api/events/:slug/attendance/timeline?day= (organisers): people in the room (cumulative door admissions) and
 * online, every 5 minutes of one event day (today, or the nearest event day, without `day`).
 */
export function getAttendanceTimeline(
  slug: string,
  day: string | null,
  options: ApiRequestOptions = {},
): Promise<AttendanceTimeline> {
  const search = day ? `?day=${encodeURIComponent(day)}` : '';
  return apiGet(
    `/events/${encodeURIComponent(slug)}/attendance/timeline${search}`,
    attendanceTimelineSchema,
    options,
  );
}

export function attendanceTimelineQueryOptions(slug: string, day: string | null) {
  return queryOptions({
    queryKey: personalQueryKeys.attendanceTimeline(slug, day),
    queryFn: ({ signal }) => getAttendanceTimeline(slug, day, { signal }),
    refetchInterval: ATTENDANCE_TIMELINE_REFRESH_MS,
  });
}

export function useAttendanceTimeline(slug: string, day: string | null) {
  return useQuery({ ...attendanceTimelineQueryOptions(slug, day), placeholderData: keepPreviousData });
}
