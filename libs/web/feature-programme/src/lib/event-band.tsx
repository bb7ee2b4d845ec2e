import type { EventDetail } from '@plenary/contracts';
import { findMembership, hasWorkRole, roleLinks, useMe } from '@plenary/web-data-access';
import { LinkButton, NavLinks } from '@plenary/web-ui';
import type { NavLinkItem } from '@plenary/web-ui';
import { Link } from 'react-router';
import { formatDateRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';

/**
 * The event's bar under the site header: its name, dates, section navigation (with "My ticket" once the
 * signed-in person is approved, "Your sessions" for moderators and speakers, "Door app" for staff, "Organiser"
 * for the event's organisers) and the register action for anyone who neither is registered nor works there.
 */
export function EventBand({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const me = useMe();
  const base = `/e/${event.slug}`;
  const membership = findMembership(me.data, event.slug);
  const registration = membership?.registration;
  const isRegistered = registration != null && registration.status !== 'cancelled';
  const items: NavLinkItem[] = [
    { to: base, label: t('nav.overview'), end: true },
    { to: `${base}/programme`, label: t('nav.programme') },
    { to: `${base}/speakers`, label: t('nav.speakers') },
  ];
  // The person's own tools at this event, by role (see roleLinks): agenda, ticket, sessions, door app, console.
  const tools = new Map(roleLinks(membership, event.slug).map((link) => [link.tool, link.to]));
  const agenda = tools.get('agenda');
  if (agenda) items.push({ to: agenda, label: t('nav.myAgenda') });
  const ticket = tools.get('ticket');
  if (ticket) items.push({ to: ticket, label: t('nav.myTicket') });
  const sessions = tools.get('sessions');
  if (sessions) items.push({ to: sessions, label: t('nav.mySessions') });
  const doorApp = tools.get('doorApp');
  if (doorApp) items.push({ to: doorApp, label: t('nav.doorApp') });
  const organiserConsole = tools.get('console');
  if (organiserConsole) items.push({ to: organiserConsole, label: t('nav.organiser') });
  return (
    <div className="pp-band pl-on-dark">
      <div className="pl-container pp-band__inner">
        <div className="pp-band__identity">
          <Link to={base} className="pp-band__name">
            {event.tagline ?? event.name}
          </Link>
          <span className="pp-band__dates">{formatDateRange(event.startDate, event.endDate, locale)}</span>
        </div>
        <div className="pp-band__nav">
          <NavLinks label={t('nav.label')} tone="dark" items={items} />
        </div>
        {/* Nobody who works at the event (or is registered) is asked to register. */}
        {!isRegistered && !hasWorkRole(membership) && (
          <LinkButton to={`${base}/register`} className="pp-band__register">
            {t('actions.register')}
          </LinkButton>
        )}
      </div>
    </div>
  );
}
