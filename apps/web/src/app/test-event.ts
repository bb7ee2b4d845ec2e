import type { EventDetail } from '@plenary/contracts';

/** The reference event as the api answers it, without its programme: for the app shell's specs. */
export const EVENT: EventDetail = {
  id: '3f1c1a52-0c65-4d8e-9d3e-6a4c2b7f0a11',
  slug: 'vmc2021',
  name: 'Re-imagining migration partnerships: challenges, opportunities and strategies',
  shortName: null,
  tagline: 'Vienna Migration Conference 2021',
  status: 'published',
  timeZone: 'Europe/Vienna',
  startDate: '2021-10-19',
  endDate: '2021-10-20',
  format: 'hybrid',
  venue: { name: 'Vienna', address: null, city: 'Vienna', country: 'Austria' },
  languages: ['en'],
  logoUrl: null,
  accentColor: null,
  description: null,
  descriptionHtml: null,
  organiser: { name: 'ICMPD', url: null },
  contactEmail: null,
  contactAddress: null,
  partners: [],
  blocks: [],
  rooms: [],
  days: [],
  speakers: [],
};
