import type { EventDetail, Role } from '@plenary/contracts';
import { findMembership, roleLinks, useMe } from '@plenary/web-data-access';
import { LinkButton } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

/** The signed-in person's membership of the event and the links to their tools there (none when signed out). */
export function useEventRoleLinks(event: Pick<EventDetail, 'slug'>) {
  const me = useMe();
  const membership = findMembership(me.data, event.slug);
  return { me, membership, links: roleLinks(membership, event.slug) };
}

/** "organiser, door staff": the roles in words, in the order the contract lists them. */
export function useRoleWords(roles: Role[]): string {
  const { t } = useProgrammeTranslation();
  return roles.map((role) => t(`eventRole.${role}`)).join(', ');
}

/**
 * The event hero's actions for someone with a role or a registration: a button to each of their tools (the first
 * one primary) instead of "Register"; null for everyone else.
 */
export function RoleActions({ event, size }: { event: Pick<EventDetail, 'slug'>; size?: 'lg' }) {
  const { t } = useProgrammeTranslation();
  const { membership, links } = useEventRoleLinks(event);
  const roleWords = useRoleWords(membership?.roles ?? []);
  if (!membership || links.length === 0) return null;
  return (
    <div className="pp-role-actions">
      {membership.roles.length > 0 && (
        <p className="pp-role-actions__as">{t('tools.as', { roles: roleWords })}</p>
      )}
      <div className="pp-hero__actions">
        {links.map((link, index) => (
          <LinkButton
            key={link.tool}
            to={link.to}
            size={size ?? 'md'}
            variant={index === 0 ? 'primary' : 'secondary'}
          >
            {t(`tools.${link.tool}`)}
          </LinkButton>
        ))}
      </div>
    </div>
  );
}
