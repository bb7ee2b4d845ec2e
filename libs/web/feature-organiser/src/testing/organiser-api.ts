import type { EventDetail, Me, RegistrationList, RegistrationRow } from '@plenary/contracts';

export const EVENT: EventDetail = {
  id: '3f1c1a52-0c65-4d8e-9d3e-6a4c2b7f0a11',
  slug: 'vmc2021',
  name: 'Re-imagining migration partnerships',
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
  contactEmail: null,
  contactAddress: null,
  partners: [],
  blocks: [],
  rooms: [],
  days: [],
  speakers: [],
};

export const ORGANISER: Me = {
  person: {
    id: '00000000-0000-4000-8000-0000000000aa',
    name: 'Olga Organiser',
    email: 'organiser@plenary.test',
  },
  isAdmin: false,
  memberships: [{ eventSlug: 'vmc2021', roles: ['organiser'], registration: null }],
};

/** Registration number `index` of the fixture list; its person id differs from its registration id. */
export function row(index: number, overrides: Partial<RegistrationRow> = {}): RegistrationRow {
  const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return {
    id,
    personId: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: `Person ${index}`,
    email: `person${index}@example.org`,
    organisation: 'Ministry',
    jobTitle: 'Adviser',
    country: 'AT',
    attendance: 'in_person',
    status: 'pending',
    roles: ['attendee'],
    accessibilityNeeds: null,
    photoRecordingConsent: true,
    createdAt: '2021-09-01T10:00:00Z',
    updatedAt: '2021-09-01T10:00:00Z',
    ...overrides,
  };
}

export const LIST: RegistrationList = {
  items: [row(1), row(2), row(3, { status: 'approved' })],
  total: 3,
  counts: { pending: 2, approved: 1, waitlisted: 0, rejected: 0, cancelled: 0 },
};

export interface ApiCall {
  method: string;
  url: string;
  body: unknown;
}

/** A JSON response, as the API sends it. */
export function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

export interface OrganiserApiOptions {
  me?: Me;
  list?: RegistrationList;
  /** Further answers, keyed `"METHOD /api/path"`; they win over the defaults. */
  routes?: Record<string, (call: ApiCall) => Response>;
}

/**
 * Replaces `fetch` with the organiser API of one event (`vmc2021`): the event, the organiser, settings,
 * registrations and bulk decisions, plus `routes`. Unknown routes get the API's 404. Every call is recorded.
 */
export function mockOrganiserApi({ me = ORGANISER, list = LIST, routes = {} }: OrganiserApiOptions = {}) {
  const calls: ApiCall[] = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, url, body };
    calls.push(call);
    const path = url.split('?')[0];
    const route = routes[`${method} ${path}`];
    if (route) return route(call);
    if (path === '/api/events/vmc2021') return json(EVENT);
    if (path === '/api/me') return json(me);
    if (path === '/api/events/vmc2021/settings')
      return json({ approvalMode: 'manual', inPersonCapacity: null, retentionDays: 365 });
    if (path === '/api/events/vmc2021/registrations') return json(list);
    if (path === '/api/events/vmc2021/registrations/decisions' && method === 'POST') {
      const { registrationIds } = body as { registrationIds: string[] };
      return json({ results: registrationIds.map((id) => ({ id, status: 'approved' })) });
    }
    return json({ error: { code: 'core/not-found', message: 'No route', requestId: 't' } }, 404);
  });
  return calls;
}
