import type { EventDetail } from '@plenary/contracts';
import { LocationIcon } from '@plenary/web-ui';
import { useMaybeEmbedContext } from './embed-context';
import { OPENSTREETMAP, venueMapEmbedUrl } from './embed-sources';
import { useProgrammeTranslation } from './programme-i18n';

/** Where an in-person or hybrid event takes place, with a map of the city when one is known. */
export function VenueSection({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  const Embed = useMaybeEmbedContext();
  if (event.format === 'online') return null;
  const mapUrl = venueMapEmbedUrl(event.venue);
  const { name, city, country } = event.venue;
  return (
    <section className="pp-section pp-venue" aria-labelledby="venue-title">
      <h2 id="venue-title" className="pp-section__title">
        {t('home.venue.title')}
      </h2>
      <div className="pp-venue__grid">
        <div className="pp-venue__details">
          <LocationIcon />
          <div>
            {name !== city && <p className="pp-venue__name">{name}</p>}
            <p className={name === city ? 'pp-venue__name' : undefined}>
              {city && country ? t('home.venue.cityCountry', { city, country }) : city || country}
            </p>
            {event.format === 'hybrid' && <p className="pp-muted">{t('home.venue.hybrid')}</p>}
          </div>
        </div>
        {Embed && mapUrl && (
          <Embed
            provider={OPENSTREETMAP}
            src={mapUrl}
            title={t('home.venue.mapTitle', { city })}
            aspectRatio="16 / 9"
            icon={<LocationIcon />}
          />
        )}
      </div>
    </section>
  );
}
