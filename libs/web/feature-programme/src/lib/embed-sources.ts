import type { EventSummary } from '@plenary/contracts';

export const OPENSTREETMAP = 'OpenStreetMap';
export const YOUTUBE = 'YouTube';

/**
 * Maps of venue cities, until events carry their venue's coordinates. Only the reference event's city so far:
 * an event elsewhere shows its venue without a map rather than the wrong one.
 */
const VENUE_MAP_EMBED_URLS: Readonly<Record<string, string>> = {
  Vienna: 'https://www.openstreetmap.org/export/embed.html?bbox=16.30,48.18,16.42,48.23&layer=mapnik',
};

/** The OpenStreetMap embed URL of the event's venue, if one is known. */
export function venueMapEmbedUrl(venue: EventSummary['venue']): string | undefined {
  return VENUE_MAP_EMBED_URLS[venue.city];
}

/**
 * The public fallback livestream shown on every session page (YouTube's privacy-enhanced player). The video id
 * is a placeholder: sessions do not carry their own stream URL yet, and this is the one place to put it.
 */
export const FALLBACK_LIVESTREAM_EMBED_URL = 'https://www.youtube-nocookie.com/embed/PLENARYDEMO';
