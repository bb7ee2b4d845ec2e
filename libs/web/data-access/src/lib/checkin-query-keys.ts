/**
 * Query keys of the check-in endpoints. They start with `me` (see `personalQueryKeys`): what a staff member or an
 * organiser sees depends on who is signed in, so a sign-in or sign-out resets them too.
 */
export const checkinQueryKeys = {
  all: (slug: string) => ['me', 'events', slug, 'checkin'] as const,
  devices: (slug: string) => ['me', 'events', slug, 'checkin', 'devices'] as const,
  conflicts: (slug: string) => ['me', 'events', slug, 'checkin', 'conflicts'] as const,
};

/** `/events/:slug/checkins` with the slug encoded. */
export function checkinPath(slug: string, rest = ''): string {
  return `/events/${encodeURIComponent(slug)}/checkins${rest}`;
}
