import type { Me, Membership } from '@plenary/contracts';

/** A place in the app where a person's work at one event is done. */
export type RoleTool = 'console' | 'doorApp' | 'sessions' | 'ticket' | 'registration' | 'agenda';

export interface RoleLink {
  tool: RoleTool;
  to: string;
}

/** Whether the membership holds a role other than attendee (organiser, staff, moderator, speaker). */
export function hasWorkRole(membership: Membership | undefined): boolean {
  return membership?.roles.some((role) => role !== 'attendee') ?? false;
}

/**
 * The tools of one event a member has, most important first: the organiser console, the door app, the sessions a
 * moderator or speaker works in, then the ticket and agenda of a registration (the registration page while it is
 * not approved). Empty for someone who holds no role and has no live registration.
 */
export function roleLinks(membership: Membership | undefined, eventSlug: string): RoleLink[] {
  if (!membership) return [];
  const base = `/e/${eventSlug}`;
  const links: RoleLink[] = [];
  const { roles, registration } = membership;
  if (roles.includes('organiser')) links.push({ tool: 'console', to: `${base}/organiser` });
  if (roles.includes('staff')) links.push({ tool: 'doorApp', to: `${base}/staff` });
  if (roles.includes('moderator') || roles.includes('speaker'))
    links.push({ tool: 'sessions', to: `${base}/my-sessions` });
  if (registration?.status === 'approved') {
    links.push({ tool: 'ticket', to: `${base}/ticket` });
  } else if (registration && registration.status !== 'cancelled') {
    links.push({ tool: 'registration', to: `${base}/ticket` });
  }
  if (registration?.status === 'approved' || hasWorkRole(membership))
    links.push({ tool: 'agenda', to: `${base}/agenda` });
  return links;
}

/**
 * Where a person lands after signing in: the home of their work at the given event (else at their only event):
 * the organiser console, the door app, their sessions, or their ticket. Someone with nothing at the given event
 * lands on its ticket page (which offers registration); with several events or none, on the account page, or on
 * "Your events" for an instance administrator.
 */
export function roleHomePath(me: Me, eventSlug?: string): string {
  if (eventSlug) {
    const membership = me.memberships.find((candidate) => candidate.eventSlug === eventSlug);
    return roleLinks(membership, eventSlug)[0]?.to ?? `/e/${eventSlug}/ticket`;
  }
  const active = me.memberships.filter(
    (membership) => roleLinks(membership, membership.eventSlug).length > 0,
  );
  const only = active.length === 1 ? active[0] : undefined;
  if (only) return roleHomePath(me, only.eventSlug);
  return me.isAdmin && active.length === 0 ? '/manage' : '/account';
}
