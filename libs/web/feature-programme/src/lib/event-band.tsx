import type { EventDetail } from '@plenary/contracts';
import { findMembership, useMe } from '@plenary/web-data-access';
import { LinkButton, NavLinks } from '@plenary/web-ui';
import type { NavLinkItem } from '@plenary/web-ui';
import { Link } from 'react-router';
import { formatDateRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';

/**
 * The event's bar under the site header: its name, dates, section navigation (with "My ticket" once the
 * signed-in person is approved, "Organiser" for the event's organisers) and the register action for anyone
 * not registered yet.
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
  if (registration?.status === 'approved' || membership?.roles.some((role) => role !== 'attendee'))
    items.push({ to: `${base}/agenda`, label: t('nav.myAgenda') });
  if (registration?.status === 'approved') items.push({ to: `${base}/ticket`, label: t('nav.myTicket') });
  if (membership?.roles.includes('organiser'))
    items.push({ to: `${base}/organiser`, label: t('nav.organiser') });
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
        {!isRegistered && (
          <LinkButton to={`${base}/register`} className="pp-band__register">
            {t('actions.register')}
          </LinkButton>
        )}
      </div>
    </div>
  );
}
