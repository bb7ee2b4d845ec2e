import type { EventSummary } from '@plenary/contracts';
import type { TFunction } from 'i18next';

/** "Vienna and online · Hybrid", "Hofburg, Vienna · In person", "Online". */
export function formatEventPlace(
  event: Pick<EventSummary, 'format' | 'venue'>,
  t: TFunction<'programme'>,
): string {
  switch (event.format) {
    case 'hybrid':
      return t('place.hybrid', { city: event.venue.city });
    case 'in_person':
      return event.venue.name && event.venue.name !== event.venue.city
        ? t('place.inPersonVenue', { venue: event.venue.name, city: event.venue.city })
        : t('place.inPerson', { city: event.venue.city });
    case 'online':
      return t('place.online');
  }
}

/** "Programme · Vienna Migration Conference 2021": a page title within an event. */
export function formatEventDocumentTitle(
  page: string,
  event: Pick<EventSummary, 'name' | 'tagline'>,
  t: TFunction<'programme'>,
): string {
  return t('documentTitle', { page, event: event.tagline ?? event.name });
}
