import type { InterchangeFormat } from '@plenary/contracts';
import { stringify } from 'csv-stringify/sync';
import type { EventEntity, RoomEntity, SessionEntity, SpeakerEntity } from '../entities';
import { addDays, daysBetween, instantToLocal, localToInstant } from '../text/local-time';
import { SESSION_CSV_COLUMNS, SPEAKER_CSV_COLUMNS } from './interchange.parse';

/** An event's programme as the exports read it. */
export interface ProgrammeSnapshot {
  event: EventEntity;
  rooms: RoomEntity[];
  speakers: SpeakerEntity[];
  /** With their speaker links (`speakers`), in time order. */
  sessions: SessionEntity[];
}

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string;
}

const pad = (value: number): string => String(value).padStart(2, '0');

/** `2026-10-19T09:30:00+02:00`: the instant as a wall-clock time of the zone with its offset. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const local = instantToLocal(instant, timeZone);
  const [date = '', time = ''] = local.split('T');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offset = Math.round((wall - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${local}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const minutesOf = (session: SessionEntity): number =>
  Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000);

const speakerKey = (speaker: SpeakerEntity): string => speaker.externalId ?? speaker.id;
const sessionKey = (session: SessionEntity): string => session.externalId ?? session.id;

const linksOf = (session: SessionEntity): NonNullable<SessionEntity['speakers']> =>
  [...(session.speakers ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);

function days(
  snapshot: ProgrammeSnapshot,
): Array<{ index: number; date: string; sessions: SessionEntity[] }> {
  const { event } = snapshot;
  const count = Math.max(1, daysBetween(event.startDate, event.endDate) + 1);
  const result = Array.from({ length: count }, (_, index) => ({
    index: index + 1,
    date: addDays(event.startDate, index),
    sessions: [] as SessionEntity[],
  }));
  for (const session of snapshot.sessions) {
    const date = instantToLocal(session.startsAt, event.timeZone).slice(0, 10);
    const day = result.find((candidate) => candidate.date === date);
    if (day) day.sessions.push(session);
    else result.push({ index: result.length + 1, date, sessions: [session] });
  }
  return result;
}

/** Rooms in their order, then "" for sessions without a room (a pretalx schedule lists talks by room). */
function byRoom(snapshot: ProgrammeSnapshot, sessions: SessionEntity[]): Array<[string, SessionEntity[]]> {
  const groups: Array<[string, SessionEntity[]]> = [...snapshot.rooms]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((room) => [room.name, sessions.filter((session) => session.roomId === room.id)]);
  const roomless = sessions.filter(
    (session) => session.roomId === null || !snapshot.rooms.some((room) => room.id === session.roomId),
  );
  if (roomless.length > 0) groups.push(['', roomless]);
  return groups;
}

/**
 * pretalx / c3voc schedule JSON. Speakers carry a `plenary` object with the fields pretalx has no place for
 * (honorific, title, organisation, country, their role in the session), so an export imports back unchanged.
 */
export function exportPretalxJson(snapshot: ProgrammeSnapshot): string {
  const { event } = snapshot;
  const speakerById = new Map(snapshot.speakers.map((speaker) => [speaker.id, speaker]));
  let talkId = 0;
  const conferenceDays = days(snapshot).map((day) => ({
    index: day.index,
    date: day.date,
    day_start: isoWithOffset(localToInstant(`${day.date}T00:00`, event.timeZone), event.timeZone),
    day_end: isoWithOffset(localToInstant(`${day.date}T23:59`, event.timeZone), event.timeZone),
    rooms: Object.fromEntries(
      byRoom(snapshot, day.sessions)
        .filter(([name, sessions]) => name !== '' || sessions.length > 0)
        .map(([name, sessions]) => [
          name,
          sessions.map((session) => {
            talkId += 1;
            const local = instantToLocal(session.startsAt, event.timeZone);
            return {
              guid: sessionKey(session),
              id: talkId,
              logo: null,
              date: isoWithOffset(session.startsAt, event.timeZone),
              start: local.slice(11),
              duration: hhmm(minutesOf(session)),
              room: name,
              slug: `${event.slug}-${talkId}`,
              url: '',
              title: session.title,
              subtitle: '',
              track: null,
              type: session.kind,
              language: event.languages[0] ?? 'en',
              abstract: session.abstract ?? '',
              description: '',
              recording_license: '',
              do_not_record: session.confidential,
              persons: linksOf(session).flatMap((link) => {
                const speaker = speakerById.get(link.speakerId);
                if (!speaker) return [];
                return [
                  {
                    code: speakerKey(speaker),
                    name: speaker.name,
                    public_name: speaker.name,
                    biography: speaker.bio ?? '',
                    answers: [],
                    plenary: {
                      honorific: speaker.honorific,
                      title: speaker.title,
                      organisation: speaker.organisation,
                      country: speaker.country,
                      role: link.role,
                    },
                  },
                ];
              }),
              links: [],
              attachments: [],
              answers: [],
            };
          }),
        ]),
    ),
  }));
  return JSON.stringify(
    {
      $schema: 'https://c3voc.de/schedule/schema.json',
      generator: { name: 'plenary', version: '1' },
      schedule: {
        version: String(event.programmeVersion),
        base_url: '',
        conference: {
          acronym: event.slug,
          title: event.name,
          start: event.startDate,
          end: event.endDate,
          daysCount: conferenceDays.length,
          timeslot_duration: '00:05',
          time_zone_name: event.timeZone,
          rooms: [...snapshot.rooms]
            .sort((a, b) => a.sortOrder - b.sortOrder)
            .map((room) => ({ name: room.name, guid: room.id, description: null, capacity: room.capacity })),
          tracks: [],
          days: conferenceDays,
        },
      },
    },
    null,
    2,
  );
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xml = (value: string | number | null | undefined): string =>
  String(value ?? '')
    // Characters XML 1.0 cannot carry at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);

/** frab-style schedule XML (`<schedule><conference/><day><room><event guid=…>`); persons carry `code` and `role`. */
export function exportFrabXml(snapshot: ProgrammeSnapshot): string {
  const { event } = snapshot;
  const speakerById = new Map(snapshot.speakers.map((speaker) => [speaker.id, speaker]));
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<schedule>',
    `  <version>${event.programmeVersion}</version>`,
    '  <conference>',
    `    <acronym>${xml(event.slug)}</acronym>`,
    `    <title>${xml(event.name)}</title>`,
    `    <start>${event.startDate}</start>`,
    `    <end>${event.endDate}</end>`,
    `    <days>${days(snapshot).length}</days>`,
    '    <timeslot_duration>00:05</timeslot_duration>',
    `    <time_zone_name>${xml(event.timeZone)}</time_zone_name>`,
    '  </conference>',
  ];
  let eventId = 0;
  for (const day of days(snapshot)) {
    lines.push(`  <day index="${day.index}" date="${day.date}">`);
    for (const [name, sessions] of byRoom(snapshot, day.sessions)) {
      if (name === '' && sessions.length === 0) continue;
      lines.push(`    <room name="${xml(name)}">`);
      for (const session of sessions) {
        eventId += 1;
        lines.push(
          `      <event guid="${xml(sessionKey(session))}" id="${eventId}">`,
          `        <date>${isoWithOffset(session.startsAt, event.timeZone)}</date>`,
          `        <start>${instantToLocal(session.startsAt, event.timeZone).slice(11)}</start>`,
          `        <duration>${hhmm(minutesOf(session))}</duration>`,
          `        <room>${xml(name)}</room>`,
          `        <slug>${xml(`${event.slug}-${eventId}`)}</slug>`,
          `        <title>${xml(session.title)}</title>`,
          '        <subtitle></subtitle>',
          '        <track></track>',
          `        <type>${session.kind}</type>`,
          `        <language>${xml(event.languages[0] ?? 'en')}</language>`,
          `        <abstract>${xml(session.abstract)}</abstract>`,
          '        <description></description>',
          '        <persons>',
        );
        for (const link of linksOf(session)) {
          const speaker = speakerById.get(link.speakerId);
          if (speaker)
            lines.push(
              `          <person id="${xml(speakerKey(speaker))}" code="${xml(speakerKey(speaker))}" role="${link.role}">${xml(speaker.name)}</person>`,
            );
        }
        lines.push('        </persons>', '        <links></links>', '      </event>');
      }
      lines.push('    </room>');
    }
    lines.push('  </day>');
  }
  lines.push('</schedule>', '');
  return lines.join('\n');
}

/** Cells starting with these characters would run as formulas in a spreadsheet: they get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
const safeRow = (row: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)]));

/**
 * The sessions CSV (columns in docs/interchange.md): `end` is left empty when a session ends on a later day. Cells
 * that a spreadsheet would run as formulas get a leading quote, which the import removes again.
 */
export function exportSessionsCsv(snapshot: ProgrammeSnapshot): string {
  const { event } = snapshot;
  const roomName = new Map(snapshot.rooms.map((room) => [room.id, room.name]));
  const speakerById = new Map(snapshot.speakers.map((speaker) => [speaker.id, speaker]));
  const rows = snapshot.sessions.map((session) => {
    const starts = instantToLocal(session.startsAt, event.timeZone);
    const ends = instantToLocal(session.endsAt, event.timeZone);
    return {
      id: sessionKey(session),
      title: session.title,
      kind: session.kind,
      date: starts.slice(0, 10),
      start: starts.slice(11),
      end: ends.slice(0, 10) === starts.slice(0, 10) ? ends.slice(11) : '',
      duration: hhmm(minutesOf(session)),
      room: session.roomId ? (roomName.get(session.roomId) ?? '') : '',
      speakers: linksOf(session)
        .flatMap((link) => {
          const speaker = speakerById.get(link.speakerId);
          return speaker ? [`${speakerKey(speaker)}:${link.role}`] : [];
        })
        .join(';'),
      abstract: session.abstract ?? '',
    };
  });
  return stringify(rows.map(safeRow), { header: true, columns: [...SESSION_CSV_COLUMNS] });
}

export function exportSpeakersCsv(snapshot: ProgrammeSnapshot): string {
  const rows = snapshot.speakers.map((speaker) => ({
    id: speakerKey(speaker),
    name: speaker.name,
    honorific: speaker.honorific ?? '',
    title: speaker.title,
    organisation: speaker.organisation ?? '',
    country: speaker.country ?? '',
    bio: speaker.bio ?? '',
  }));
  return stringify(rows.map(safeRow), { header: true, columns: [...SPEAKER_CSV_COLUMNS] });
}

export function exportProgramme(snapshot: ProgrammeSnapshot, format: InterchangeFormat): ExportFile {
  const slug = snapshot.event.slug;
  switch (format) {
    case 'pretalx-json':
      return {
        contentType: 'application/json; charset=utf-8',
        fileName: `${slug}-schedule.json`,
        body: exportPretalxJson(snapshot),
      };
    case 'frab-xml':
      return {
        contentType: 'application/xml; charset=utf-8',
        fileName: `${slug}-schedule.xml`,
        body: exportFrabXml(snapshot),
      };
    case 'csv-sessions':
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${slug}-sessions.csv`,
        body: exportSessionsCsv(snapshot),
      };
    case 'csv-speakers':
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${slug}-speakers.csv`,
        body: exportSpeakersCsv(snapshot),
      };
  }
}
