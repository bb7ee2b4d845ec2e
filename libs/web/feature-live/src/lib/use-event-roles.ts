import type { Role } from '@plenary/contracts';
import { findMembership, useMe } from '@plenary/web-data-access';

export type EventRoles =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; roles: Role[]; canModerate: boolean; canShowScreen: boolean };

/** Who the signed-in person is for an event: may they moderate (moderator, organiser), run the big screen (also staff)? */
export function useEventRoles(eventSlug: string): EventRoles {
  const me = useMe();
  if (me.data === undefined) return me.isError ? { status: 'signed-out' } : { status: 'loading' };
  if (me.data === null) return { status: 'signed-out' };
  const roles = findMembership(me.data, eventSlug)?.roles ?? [];
  const canModerate = roles.includes('moderator') || roles.includes('organiser');
  return { status: 'signed-in', roles, canModerate, canShowScreen: canModerate || roles.includes('staff') };
}
