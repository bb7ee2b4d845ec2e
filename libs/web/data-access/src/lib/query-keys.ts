import type { AttendanceRecordsQuery, RegistrationListQuery } from '@plenary/contracts';

/** Query keys of the programme endpoints; nested so invalidating an event also invalidates its sessions. */
export const programmeQueryKeys = {
  events: () => ['events'] as const,
  event: (slug: string) => ['events', slug] as const,
  session: (slug: string, sessionId: string) => ['events', slug, 'sessions', sessionId] as const,
};

/**
 * Query keys of everything that depends on who is signed in. All start with `me`, so a sign-in or sign-out
 * resets them together (`personalQueryKeys.all`), while `me()` alone is the person.
 */
export const personalQueryKeys = {
  all: () => ['me'] as const,
  me: () => ['me'] as const,
  ticket: (slug: string) => ['me', 'events', slug, 'ticket'] as const,
  registration: (slug: string) => ['me', 'events', slug, 'registration'] as const,
  sessionAccess: (slug: string, sessionId: string) =>
    ['me', 'events', slug, 'sessions', sessionId, 'access'] as const,
  organiser: (slug: string) => ['me', 'events', slug, 'organiser'] as const,
  registrations: (slug: string, query?: RegistrationListQuery) =>
    query === undefined
      ? (['me', 'events', slug, 'organiser', 'registrations'] as const)
      : (['me', 'events', slug, 'organiser', 'registrations', query] as const),
  settings: (slug: string) => ['me', 'events', slug, 'organiser', 'settings'] as const,
  imports: (slug: string) => ['me', 'events', slug, 'organiser', 'imports'] as const,
  /** Not under `imports`: a finished import refreshes the list without refreshing itself. */
  importProgress: (slug: string, importId: string) =>
    ['me', 'events', slug, 'organiser', 'import-progress', importId] as const,
  parkedMails: (slug: string) => ['me', 'events', slug, 'organiser', 'parked-mails'] as const,
  /** Whether the person stands admitted at the door today (the hybrid switch). */
  presence: (slug: string) => ['me', 'events', slug, 'presence'] as const,
  attendance: (slug: string) => ['me', 'events', slug, 'organiser', 'attendance'] as const,
  attendanceRecords: (slug: string, query: AttendanceRecordsQuery = {}) =>
    ['me', 'events', slug, 'organiser', 'attendance', 'records', query] as const,
  attendanceTimeline: (slug: string, day: string | null) =>
    ['me', 'events', slug, 'organiser', 'attendance', 'timeline', day] as const,
};

/** Query keys of public, person-independent access data. */
export const accessQueryKeys = {
  ticketKey: (slug: string) => ['events', slug, 'ticket-key'] as const,
  outbox: () => ['dev', 'outbox'] as const,
};
