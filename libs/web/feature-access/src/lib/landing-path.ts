import type { Me } from '@plenary/contracts';

/**
 * Where to go once signed in: the ticket page of the given event, else of the person's only registration;
 * the account page when there are several (or none).
 */
export function pickLandingPath(me: Me, eventSlug?: string): string {
  if (eventSlug) return `/e/${eventSlug}/ticket`;
  const registered = me.memberships.filter((membership) => membership.registration !== null);
  const only = registered.length === 1 ? registered[0] : undefined;
  return only ? `/e/${only.eventSlug}/ticket` : '/account';
}
