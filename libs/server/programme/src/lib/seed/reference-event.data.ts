import type { EventFormat, SessionKind, SpeakerRole } from '@plenary/contracts';

/**
 * The reference event (shared/seed/vmc2021-event-page.txt). Facts — title, dates, speakers, their titles and
 * organisations, session topics — are kept as the page gives them; times and the speaker line-ups are invented.
 * Ids are fixed so the seed is idempotent.
 */
export interface SeedSpeaker {
  id: string;
  name: string;
  honorific: string | null;
  title: string;
  organisation: string | null;
  country: string | null;
}
export interface SeedSession {
  id: string;
  kind: SessionKind;
  title: string;
  abstract: string;
  startsAt: string;
  endsAt: string;
  room: string;
  speakers: Array<{ speakerId: string; role: SpeakerRole }>;
}

const id = (n: number): string => `5e0c2021-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const REFERENCE_EVENT = {
  id: id(1),
  slug: 'vmc2021',
  name: 'Re-imagining migration partnerships: challenges, opportunities and strategies',
  tagline: 'Vienna Migration Conference 2021',
  description:
    'Join us for two days of intensive discussions revisiting the concept of migration partnership in light of ' +
    'current dynamics, including the roles of migration diplomacy, whole-of-route approaches and solidarity to ' +
    'address joint challenges and foster innovative solutions.\n\nGiven the continued challenges resulting from the ' +
    'COVID-19 pandemic, including its implications for migration, employment and recovery – and the pre-existing ' +
    'trends it has accelerated – there is fresh urgency for both dialogue and collective action. We at ICMPD ' +
    'recognise that international partnerships are vital to address current and anticipated challenges, and are ' +
    'pleased to utilise this year’s VMC as a platform to explore cooperation across migration routes.\n\nThis ' +
    'year’s VMC will take on a hybrid format.',
  timeZone: 'Europe/Vienna',
  startDate: '2021-10-19',
  endDate: '2021-10-20',
  format: 'hybrid' as EventFormat,
  venueName: 'Vienna and online',
  venueCity: 'Vienna',
  venueCountry: 'Austria',
  organiserName: 'ICMPD',
  organiserUrl: null,
  contactEmail: null,
};

export const REFERENCE_SPEAKERS: SeedSpeaker[] = [
  {
    id: id(101),
    name: 'Karl Nehammer',
    honorific: null,
    title: 'Federal Minister of the Interior',
    organisation: null,
    country: 'Austria',
  },
  {
    id: id(102),
    name: 'Selmo Cikotic',
    honorific: null,
    title: 'Minister of Security',
    organisation: null,
    country: 'Bosnia and Herzegovina',
  },
  {
    id: id(103),
    name: 'Notis Mitarachi',
    honorific: null,
    title: 'Minister for Migration and Asylum',
    organisation: null,
    country: 'Greece',
  },
  {
    id: id(104),
    name: 'Péter Szijjártó',
    honorific: null,
    title: 'Minister of Foreign Affairs and Trade',
    organisation: null,
    country: 'Hungary',
  },
  {
    id: id(105),
    name: 'Najla El Mangoush',
    honorific: 'HE',
    title: 'Minister of Foreign Affairs and International Cooperation',
    organisation: null,
    country: 'Libya',
  },
  {
    id: id(106),
    name: 'Amira El Fadil',
    honorific: 'HE',
    title: 'Commissioner for Health, Humanitarian Affairs and Social Development',
    organisation: 'African Union Commission',
    country: null,
  },
  {
    id: id(107),
    name: 'Monika Sie Dhian Ho',
    honorific: null,
    title: 'General Director',
    organisation: 'Clingendael Institute',
    country: 'Netherlands',
  },
  {
    id: id(108),
    name: 'Duncan Robinson',
    honorific: null,
    title: 'Brussels bureau chief and Charlemagne columnist',
    organisation: 'The Economist',
    country: null,
  },
  {
    id: id(109),
    name: 'Caroline de Gruyter',
    honorific: null,
    title: 'Correspondent for European Affairs',
    organisation: 'NRC Handelsblad',
    country: null,
  },
];

const [nehammer, cikotic, mitarachi, szijjarto, elMangoush, elFadil, sieDhianHo, robinson, deGruyter] =
  REFERENCE_SPEAKERS.map((speaker) => speaker.id) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];

const ROOM = 'Plenary hall';

export const REFERENCE_ROOMS = [{ id: id(301), name: ROOM }];

export const REFERENCE_SESSIONS: SeedSession[] = [
  {
    id: id(201),
    kind: 'opening',
    title: 'Opening session: Addressing displacement from Afghanistan',
    abstract:
      'Current priorities in responding to displacement from Afghanistan, and what partnership along the route can achieve.',
    startsAt: '2021-10-19T09:30:00+02:00',
    endsAt: '2021-10-19T10:45:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: nehammer, role: 'keynote' },
      { speakerId: szijjarto, role: 'panelist' },
      { speakerId: robinson, role: 'moderator' },
    ],
  },
  {
    id: id(202),
    kind: 'opening',
    title: 'Opening session: Functioning, sustainable African–European migration partnerships',
    abstract:
      'The need to create functioning, sustainable partnerships between Africa and Europe on migration.',
    startsAt: '2021-10-19T11:15:00+02:00',
    endsAt: '2021-10-19T12:30:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: elMangoush, role: 'keynote' },
      { speakerId: elFadil, role: 'keynote' },
      { speakerId: deGruyter, role: 'moderator' },
    ],
  },
  {
    id: id(203),
    kind: 'panel',
    title: 'Panel: The realities along the key routes to Europe',
    abstract:
      'Whole-of-route approaches: what the situation along the key routes to Europe asks of partners.',
    startsAt: '2021-10-19T14:00:00+02:00',
    endsAt: '2021-10-19T15:30:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: cikotic, role: 'panelist' },
      { speakerId: mitarachi, role: 'panelist' },
      { speakerId: elFadil, role: 'panelist' },
      { speakerId: robinson, role: 'moderator' },
    ],
  },
  {
    id: id(204),
    kind: 'panel',
    title: 'Panel: Crisis management at the external border',
    abstract:
      'Solidarity and joint responses when pressure builds at the external border of the European Union.',
    startsAt: '2021-10-20T09:30:00+02:00',
    endsAt: '2021-10-20T11:00:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: mitarachi, role: 'panelist' },
      { speakerId: cikotic, role: 'panelist' },
      { speakerId: szijjarto, role: 'panelist' },
      { speakerId: deGruyter, role: 'moderator' },
    ],
  },
  {
    id: id(205),
    kind: 'panel',
    title: 'Panel: The future of the EU in a turbulent geopolitical scene',
    abstract:
      'The future of the European Union amidst a turbulent geopolitical scene, and migration diplomacy within it.',
    startsAt: '2021-10-20T11:30:00+02:00',
    endsAt: '2021-10-20T13:00:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: sieDhianHo, role: 'panelist' },
      { speakerId: elMangoush, role: 'panelist' },
      { speakerId: deGruyter, role: 'panelist' },
      { speakerId: robinson, role: 'moderator' },
    ],
  },
  {
    id: id(206),
    kind: 'closing',
    title: 'Closing: Final reflections on the road ahead',
    abstract: 'Final reflections on the road ahead in this highly sensitive area of international relations.',
    startsAt: '2021-10-20T14:30:00+02:00',
    endsAt: '2021-10-20T15:15:00+02:00',
    room: ROOM,
    speakers: [
      { speakerId: sieDhianHo, role: 'chair' },
      { speakerId: nehammer, role: 'panelist' },
    ],
  },
];
