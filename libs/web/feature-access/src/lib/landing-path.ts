import type { Me } from '@plenary/contracts';
import { roleHomePath } from '@plenary/web-data-access';

/**
 * Where to go once signed in: the home of the person's work at the given event (else at their only event) —
 * organiser console, door app, their sessions or their ticket; the account page when there are several (or none).
 */
export function pickLandingPath(me: Me, eventSlug?: string): string {
  return roleHomePath(me, eventSlug);
}
