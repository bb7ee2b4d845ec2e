import { attendanceSchema, registrationStatusSchema } from '@plenary/contracts';
import type { Attendance, RegistrationListQuery, RegistrationStatus } from '@plenary/contracts';

export const PAGE_SIZES = [25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

/** The console's filters and page, as kept in the address (so they survive a reload and can be shared). */
export interface RegistrationFilters {
  q: string;
  status: RegistrationStatus | undefined;
  attendance: Attendance | undefined;
  organisation: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

function positiveInteger(raw: string | null, fallback: number): number {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** Reads the filters from the address; anything unreadable falls back to "all". */
export function readFilters(params: URLSearchParams): RegistrationFilters {
  const status = registrationStatusSchema.safeParse(params.get('status'));
  const attendance = attendanceSchema.safeParse(params.get('attendance'));
  const pageSize = positiveInteger(params.get('size'), DEFAULT_PAGE_SIZE);
  return {
    q: params.get('q') ?? '',
    status: status.success ? status.data : undefined,
    attendance: attendance.success ? attendance.data : undefined,
    organisation: params.get('organisation') ?? '',
    page: positiveInteger(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** Writes the filters to address parameters, leaving out defaults. */
export function writeFilters(filters: RegistrationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.status) params.set('status', filters.status);
  if (filters.attendance) params.set('attendance', filters.attendance);
  if (filters.organisation.trim()) params.set('organisation', filters.organisation.trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(filters.pageSize));
  return params;
}

/** The API query for the filters. */
export function toListQuery(filters: RegistrationFilters): RegistrationListQuery {
  return {
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.attendance ? { attendance: filters.attendance } : {}),
    ...(filters.organisation.trim() ? { organisation: filters.organisation.trim() } : {}),
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  };
}

/** Whether any filter narrows the list. */
export function hasFilters(filters: RegistrationFilters): boolean {
  return Boolean(filters.q.trim() || filters.status || filters.attendance || filters.organisation.trim());
}
