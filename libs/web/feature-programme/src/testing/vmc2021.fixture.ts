import type { EventDetail, EventList, Session, Speaker, SpeakerRole } from '@plenary/contracts';

// The reference event of the demo (see shared/seed/vmc2021-event-page.txt), shaped as the API answers it.
// Sessions in October 2021 run in CEST (UTC+2). States vary so every badge shows.

function speaker(
  id: string,
  name: string,
  title: string,
  details: Partial<Pick<Speaker, 'honorific' | 'organisation' | 'country' | 'bio'>> = {},
): Speaker {
  return {
    id,
    name,
    honorific: details.honorific ?? null,
    title,
    organisation: details.organisation ?? null,
    country: details.country ?? null,
    bio: details.bio ?? null,
    bioHtml: details.bio ? `<p>${details.bio}</p>\n` : null,
    photoUrl: null,
    photo: null,
  };
}

export const VMC_SPEAKERS = {
  nehammer: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a01',
    'Karl Nehammer',
    'Federal Minister of the Interior',
    {
      country: 'Austria',
    },
  ),
  cikotic: speaker('5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a02', 'Selmo Cikotic', 'Minister of Security', {
    country: 'Bosnia and Herzegovina',
  }),
  mitarachi: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a03',
    'Notis Mitarachi',
    'Minister for Migration and Asylum',
    {
      country: 'Greece',
    },
  ),
  szijjarto: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a04',
    'Péter Szijjártó',
    'Minister of Foreign Affairs and Trade',
    { country: 'Hungary' },
  ),
  elMangoush: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a05',
    'Najla El Mangoush',
    'Minister of Foreign Affairs and International Cooperation',
    { honorific: 'HE', country: 'Libya' },
  ),
  elFadil: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a06',
    'Amira El Fadil',
    'Commissioner for Health, Humanitarian Affairs and Social Development',
    { honorific: 'HE', organisation: 'African Union Commission' },
  ),
  sieDhianHo: speaker('5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a07', 'Monika Sie Dhian Ho', 'General Director', {
    organisation: 'Clingendael Institute',
    country: 'Netherlands',
  }),
  robinson: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a08',
    'Duncan Robinson',
    'Brussels bureau chief and Charlemagne columnist',
    { organisation: 'The Economist' },
  ),
  deGruyter: speaker(
    '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a09',
    'Caroline de Gruyter',
    'Correspondent for European Affairs',
    { organisation: 'NRC Handelsblad' },
  ),
} satisfies Record<string, Speaker>;

type SessionInput = Pick<
  Session,
  'id' | 'kind' | 'title' | 'abstract' | 'startsAt' | 'endsAt' | 'day' | 'room' | 'state'
> & {
  speakers: [SpeakerRole, Speaker][];
};

const local = (instant: string): string =>
  // October 2021 in Vienna is CEST (UTC+2).
  new Date(new Date(instant).getTime() + 2 * 3_600_000).toISOString().slice(0, 16);

function session({ speakers, ...input }: SessionInput): Session {
  return {
    ...input,
    abstractHtml: input.abstract === null ? null : `<p>${input.abstract}</p>\n`,
    startsLocal: local(input.startsAt),
    endsLocal: local(input.endsAt),
    roomId: input.room === null ? null : PLENARY_HALL_ID,
    visibility: 'public',
    cancelled: false,
    qaEnabled: true,
    pollsEnabled: true,
    eventSlug: 'vmc2021',
    speakers: speakers.map(([role, person]) => ({ role, speaker: person })),
  };
}

const s = VMC_SPEAKERS;

const PLENARY_HALL_ID = '9c1d2e3f-4a5b-4c6d-8e7f-000000000301';

export const VMC_SESSIONS = {
  afghanistan: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000001',
    kind: 'opening',
    title: 'Opening session: Addressing displacement from Afghanistan',
    abstract:
      'Ministers set out current priorities in responding to displacement from Afghanistan and the need for shared responsibility along the routes towards Europe.',
    startsAt: '2021-10-19T07:30:00Z',
    endsAt: '2021-10-19T08:30:00Z',
    day: '2021-10-19',
    room: 'Plenary hall',
    state: 'ended',
    speakers: [
      ['keynote', s.nehammer],
      ['keynote', s.mitarachi],
      ['moderator', s.robinson],
    ],
  }),
  africaEurope: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000002',
    kind: 'opening',
    title: 'Opening session: Functioning, sustainable African–European migration partnerships',
    abstract:
      'What it takes to build partnerships between African and European states that deliver for both sides, and for people on the move.',
    startsAt: '2021-10-19T08:45:00Z',
    endsAt: '2021-10-19T09:45:00Z',
    day: '2021-10-19',
    room: 'Plenary hall',
    state: 'live',
    speakers: [
      ['keynote', s.elMangoush],
      ['keynote', s.elFadil],
      ['moderator', s.robinson],
    ],
  }),
  routes: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000003',
    kind: 'panel',
    title: 'Panel 1: Realities along the key routes to Europe',
    abstract:
      'A whole-of-route view of migration towards Europe: what countries of origin, transit and destination see, and where cooperation works.',
    startsAt: '2021-10-19T11:30:00Z',
    endsAt: '2021-10-19T13:00:00Z',
    day: '2021-10-19',
    room: 'Plenary hall',
    state: 'scheduled',
    speakers: [
      ['panelist', s.cikotic],
      ['panelist', s.mitarachi],
      ['moderator', s.deGruyter],
    ],
  }),
  border: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000004',
    kind: 'panel',
    title: 'Panel 2: Crisis management at the external border',
    abstract:
      'How states and the European Union prepare for, and respond to, sudden pressure at the external border.',
    startsAt: '2021-10-20T07:30:00Z',
    endsAt: '2021-10-20T09:00:00Z',
    day: '2021-10-20',
    room: 'Plenary hall',
    state: 'scheduled',
    speakers: [
      ['panelist', s.szijjarto],
      ['panelist', s.cikotic],
      ['moderator', s.robinson],
    ],
  }),
  futureEu: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000005',
    kind: 'panel',
    title: 'Panel 3: The future of the European Union amidst a turbulent geopolitical scene',
    abstract: 'Migration diplomacy and solidarity in a Union facing shifting geopolitics on its borders.',
    startsAt: '2021-10-20T09:30:00Z',
    endsAt: '2021-10-20T11:00:00Z',
    day: '2021-10-20',
    room: 'Plenary hall',
    state: 'scheduled',
    speakers: [
      ['panelist', s.sieDhianHo],
      ['panelist', s.deGruyter],
      ['moderator', s.robinson],
    ],
  }),
  closing: session({
    id: '9c1d2e3f-4a5b-4c6d-8e7f-000000000006',
    kind: 'closing',
    title: 'Closing session: The road ahead',
    abstract: 'Final reflections on the road ahead in a highly sensitive area of international relations.',
    startsAt: '2021-10-20T11:15:00Z',
    endsAt: '2021-10-20T11:45:00Z',
    day: '2021-10-20',
    room: 'Plenary hall',
    state: 'scheduled',
    speakers: [
      ['keynote', s.sieDhianHo],
      ['chair', s.deGruyter],
    ],
  }),
} satisfies Record<string, Session>;

const DESCRIPTION = [
  'Join us for two days of intensive discussions revisiting the concept of migration partnership in light of current dynamics, including the roles of migration diplomacy, whole-of-route approaches and solidarity to address joint challenges and foster innovative solutions.',
  'Given the continued challenges resulting from the COVID-19 pandemic, including its implications for migration, employment and recovery – and the pre-existing trends it has accelerated – there is fresh urgency for both dialogue and collective action. We at ICMPD recognise that international partnerships are vital to address current and anticipated challenges, and are pleased to utilise this year’s VMC as a platform to explore cooperation across migration routes.',
  'This year’s VMC will take on a hybrid format.',
];

export const VMC_EVENT: EventDetail = {
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
  description: DESCRIPTION.join('\n\n'),
  descriptionHtml: DESCRIPTION.map((paragraph) => `<p>${paragraph}</p>\n`).join(''),
  organiser: { name: 'ICMPD', url: 'https://www.icmpd.org' },
  contactEmail: 'vmc@example.org',
  contactAddress: null,
  partners: [],
  blocks: [],
  rooms: [{ id: PLENARY_HALL_ID, name: 'Plenary hall', videoMode: 'livekit' }],
  days: [
    {
      date: '2021-10-19',
      sessions: [VMC_SESSIONS.afghanistan, VMC_SESSIONS.africaEurope, VMC_SESSIONS.routes],
    },
    { date: '2021-10-20', sessions: [VMC_SESSIONS.border, VMC_SESSIONS.futureEu, VMC_SESSIONS.closing] },
  ],
  speakers: Object.values(VMC_SPEAKERS),
};

export const VMC_EVENT_LIST: EventList = {
  events: [
    {
      id: VMC_EVENT.id,
      slug: VMC_EVENT.slug,
      name: VMC_EVENT.name,
      shortName: VMC_EVENT.shortName,
      tagline: VMC_EVENT.tagline,
      status: VMC_EVENT.status,
      timeZone: VMC_EVENT.timeZone,
      startDate: VMC_EVENT.startDate,
      endDate: VMC_EVENT.endDate,
      format: VMC_EVENT.format,
      venue: VMC_EVENT.venue,
      languages: VMC_EVENT.languages,
      logoUrl: VMC_EVENT.logoUrl,
      accentColor: VMC_EVENT.accentColor,
    },
  ],
};
