import type { EventDetail, Me, Ticket } from '@plenary/contracts';

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
  venue: { name: 'Hofburg', address: null, city: 'Vienna', country: 'Austria' },
  languages: ['en'],
  logoUrl: null,
  accentColor: null,
  description: null,
  descriptionHtml: null,
  organiser: { name: 'ICMPD', url: null },
  contactEmail: 'vmc@example.org',
  contactAddress: null,
  partners: [],
  blocks: [],
  rooms: [],
  days: [],
  speakers: [],
};

export const PERSON_ID = '7d4f9a2e-1b3c-4d5e-8f6a-000000000001';
export const REGISTRATION_ID = '7d4f9a2e-1b3c-4d5e-8f6a-000000000002';

export function meWith(status: 'approved' | 'pending' | 'waitlisted' | 'rejected' | 'cancelled' | null): Me {
  return {
    person: { id: PERSON_ID, name: 'Ada Muster', email: 'ada@example.org' },
    isAdmin: false,
    memberships: [
      {
        eventSlug: 'vmc2021',
        roles: ['attendee'],
        registration: status ? { id: REGISTRATION_ID, status, attendance: 'in_person' } : null,
      },
    ],
  };
}

export const TICKET: Ticket = {
  id: '7d4f9a2e-1b3c-4d5e-8f6a-000000000003',
  eventSlug: 'vmc2021',
  qrPayload: 'PL1.dGVzdC10aWNrZXQtcGF5bG9hZA',
  holder: { name: 'Ada Muster', organisation: 'Ministry of the Interior' },
  attendance: 'in_person',
  roles: ['attendee', 'speaker'],
  issuedAt: '2021-10-01T08:00:00Z',
};

/** A sign-in link token: 43 base64url characters. */
export const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
