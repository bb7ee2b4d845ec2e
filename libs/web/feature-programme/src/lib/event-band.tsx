import type { EventDetail } from '@plenary/contracts';
import { LinkButton, NavLinks } from '@plenary/web-ui';
import { Link } from 'react-router';
import { formatDateRange } from './format-time';
import { useFormatLocale, useProgrammeTranslation } from './programme-i18n';

/** The event's bar under the site header: its name, dates, section navigation and the register action. */
export function EventBand({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  const locale = useFormatLocale();
  const base = `/e/${event.slug}`;
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
          <NavLinks
            label={t('nav.label')}
            tone="dark"
            items={[
              { to: base, label: t('nav.overview'), end: true },
              { to: `${base}/programme`, label: t('nav.programme') },
              { to: `${base}/speakers`, label: t('nav.speakers') },
            ]}
          />
        </div>
        <LinkButton to={`${base}/register`} className="pp-band__register">
          {t('actions.register')}
        </LinkButton>
      </div>
    </div>
  );
}
