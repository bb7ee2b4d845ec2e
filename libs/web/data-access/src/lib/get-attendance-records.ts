import { attendanceRecordListSchema } from '@plenary/contracts';
import type { AttendanceRecordList, AttendanceRecordsQuery } from '@plenary/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys } from './query-keys';

/** GET /api/events/:slug/attendance/records (organisers): one page of person × session records. */
export function getAttendanceRecords(
  slug: string,
  query: AttendanceRecordsQuery = {},
  options: ApiRequestOptions = {},
): Promise<AttendanceRecordList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as Array<[string, string | number | undefined]>) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return apiGet(
    `/events/${encodeURIComponent(slug)}/attendance/records${search ? `?${search}` : ''}`,
    attendanceRecordListSchema,
    options,
  );
}

export function attendanceRecordsQueryOptions(slug: string, query: AttendanceRecordsQuery = {}) {
  return queryOptions({
    queryKey: personalQueryKeys.attendanceRecords(slug, query),
    queryFn: ({ signal }) => getAttendanceRecords(slug, query, { signal }),
    staleTime: 10_000,
  });
}

/** A page of attendance records; keeps showing the previous page while the next one loads. */
export function useAttendanceRecords(slug: string, query: AttendanceRecordsQuery = {}) {
  return useQuery({ ...attendanceRecordsQueryOptions(slug, query), placeholderData: keepPreviousData });
}
