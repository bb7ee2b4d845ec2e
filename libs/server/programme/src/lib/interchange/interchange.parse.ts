import {
  INTERCHANGE_FORMATS,
  SESSION_KINDS,
  SPEAKER_ROLES,
  localDateTimeSchema,
  updateSessionRequestSchema,
  updateSpeakerRequestSchema,
  type ScheduleIssue,
  type InterchangeFormat,
  type SessionKind,
  type SpeakerRole,
} from '@plenary/contracts';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { instantToLocal, localToInstant } from '../text/local-time';
import {
  issueAt,
  type ImportDocument,
  type ImportLocation,
  type ImportedSession,
  type ImportedSpeaker,
  type ImportedSpeakerFields,
} from './interchange.document';

/** More items than this in one file are refused (a programme, not a data dump). */
export const IMPORT_MAX_ITEMS = 5_000;
/** At most this many issues are answered (the first ones, in file order). */
export const MAX_ISSUES = 200;

export class ImportFileError extends Error {
  constructor(readonly issues: ScheduleIssue[]) {
    super('the schedule file is not valid');
  }
}

// ------------------------------------------------------------------------------------------------------------------
// Shared field rules

const text = (value: unknown): string | null => {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** A session kind from a pretalx / frab `type` ("Talk", "Keynote", "Workshop (90 min)"); `talk` when unknown. */
export function kindFrom(type: unknown): SessionKind {
  const value = (text(type) ?? '').toLowerCase();
  const exact = SESSION_KINDS.find((kind) => kind === value);
  if (exact) return exact;
  const word = SESSION_KINDS.find((kind) => new RegExp(`\\b${kind}`).test(value));
  if (word) return word;
  if (/lecture|presentation/.test(value)) return 'talk';
  return 'talk';
}

const roleFrom = (value: unknown): SpeakerRole | undefined => {
  const role = (text(value) ?? '').toLowerCase();
  return (SPEAKER_ROLES as readonly string[]).includes(role) ? (role as SpeakerRole) : undefined;
};

/** Minutes of `HH:MM`, `H:MM:SS` (frab) or plain minutes; null when not a duration. */
export function durationMinutes(value: unknown): number | null {
  const raw = text(value);
  if (raw === null) return null;
  if (/^\d{1,4}$/.test(raw)) return Number(raw);
  const match = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(raw);
  if (!match) return null;
  const [, a, b, c] = match;
  return c === undefined
    ? Number(a) * 60 + Number(b)
    : Number(a) * 60 + Number(b) + (Number(c) >= 30 ? 1 : 0);
}

const OFFSET_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;

interface TimeInput {
  /** A date-time with an offset (pretalx, frab: `2026-10-19T09:30:00+02:00`) or without (local). */
  dateTime?: unknown;
  /** The day (`YYYY-MM-DD`) and the start (`HH:MM`), local, when there is no date-time. */
  day?: unknown;
  start?: unknown;
  /** The end (`HH:MM`, local, same day or the next when earlier) or a duration. */
  end?: unknown;
  duration?: unknown;
}

/**
 * Start and end as wall-clock times in `timeZone`. A date-time with an offset is that instant; one without, and a
 * day with a start, are wall-clock times of the event's zone. The end is the start plus the duration (in real time,
 * so a session across a daylight-saving change keeps its length) or the given end time.
 */
export function timesFrom(
  input: TimeInput,
  timeZone: string,
  at: ImportLocation,
  issues: ScheduleIssue[],
  names: { start: string; end: string },
): { startsLocal: string; endsLocal: string } | null {
  let startsLocal: string | null = null;
  const dateTime = text(input.dateTime);
  if (dateTime !== null) {
    const match = OFFSET_DATE_TIME.exec(dateTime);
    if (match?.[3] !== undefined) {
      const instant = new Date(dateTime);
      if (!Number.isNaN(instant.getTime())) startsLocal = instantToLocal(instant, timeZone);
    } else if (match) startsLocal = `${match[1]}T${match[2]}`;
  } else {
    const day = text(input.day);
    const time = TIME.exec(text(input.start) ?? '');
    if (day !== null && DATE.test(day) && time)
      startsLocal = `${day}T${time[1]?.padStart(2, '0')}:${time[2]}`;
  }
  if (startsLocal === null || !localDateTimeSchema.safeParse(startsLocal).success) {
    issues.push(
      issueAt(at, names.start, 'must be a date and time (e.g. 2026-10-19T09:30:00+02:00 or 09:30)'),
    );
    return null;
  }
  const startInstant = localToInstant(startsLocal, timeZone);
  if (input.end !== undefined && text(input.end) !== null) {
    const time = TIME.exec(text(input.end) ?? '');
    if (!time) {
      issues.push(issueAt(at, names.end, 'must be a time (HH:MM)'));
      return null;
    }
    const endsLocal = `${startsLocal.slice(0, 10)}T${time[1]?.padStart(2, '0')}:${time[2]}`;
    if (!localDateTimeSchema.safeParse(endsLocal).success || endsLocal <= startsLocal) {
      issues.push(issueAt(at, names.end, 'must be after the start'));
      return null;
    }
    return { startsLocal, endsLocal };
  }
  const minutes = durationMinutes(input.duration);
  if (minutes === null || minutes <= 0 || minutes > 7 * 24 * 60) {
    issues.push(issueAt(at, names.end, 'must be a duration (HH:MM) longer than zero'));
    return null;
  }
  return {
    startsLocal,
    endsLocal: instantToLocal(new Date(startInstant.getTime() + minutes * 60_000), timeZone),
  };
}

function checkSpeaker(
  key: string | null,
  fields: ImportedSpeakerFields,
  at: ImportLocation,
  issues: ScheduleIssue[],
  keyField: string,
): ImportedSpeaker | null {
  if (key === null) {
    issues.push(issueAt(at, keyField, 'is required (the speaker’s import key)'));
    return null;
  }
  if (key.length > 200) {
    issues.push(issueAt(at, keyField, 'must be at most 200 characters'));
    return null;
  }
  const parsed = updateSpeakerRequestSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push(issueAt(at, issue.path.map(String).join('.') || 'name', issue.message));
    return null;
  }
  return { key, fields: parsed.data as ImportedSpeakerFields, at };
}

function checkSession(
  session: Omit<ImportedSession, 'key'> & { key: string | null },
  issues: ScheduleIssue[],
  keyField: string,
): ImportedSession | null {
  const { at } = session;
  if (session.key === null) {
    issues.push(issueAt(at, keyField, 'is required (the session’s import key)'));
    return null;
  }
  if (session.key.length > 200) {
    issues.push(issueAt(at, keyField, 'must be at most 200 characters'));
    return null;
  }
  const parsed = updateSessionRequestSchema.safeParse({
    kind: session.kind,
    title: session.title,
    abstract: session.abstract,
    startsLocal: session.startsLocal,
    endsLocal: session.endsLocal,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      issues.push(issueAt(at, issue.path.map(String).join('.') || 'title', issue.message));
    return null;
  }
  if (session.room !== null && session.room.length > 100) {
    issues.push(issueAt(at, 'room', 'must be at most 100 characters'));
    return null;
  }
  if (session.speakers.length > 50) {
    issues.push(issueAt(at, 'speakers', 'must list at most 50 speakers'));
    return null;
  }
  return {
    ...session,
    key: session.key,
    title: parsed.data.title ?? session.title,
    abstract: parsed.data.abstract ?? null,
  };
}

const joinText = (...parts: unknown[]): string | null => {
  const present = parts.map(text).filter((part): part is string => part !== null);
  return present.length > 0 ? present.join('\n\n') : null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `a.b[0]["Room A"][3]` */
const jsonPath = (base: string, ...steps: Array<string | number>): string =>
  steps.reduce<string>(
    (path, step) =>
      typeof step === 'number'
        ? `${path}[${step}]`
        : /^[A-Za-z_]\w*$/.test(step)
          ? `${path}.${step}`
          : `${path}[${JSON.stringify(step)}]`,
    base,
  );

class Collector {
  readonly issues: ScheduleIssue[] = [];
  readonly rooms = new Map<string, ImportLocation>();
  readonly speakers = new Map<string, ImportedSpeaker>();
  readonly sessions: ImportedSession[] = [];
  private readonly sessionKeys = new Map<string, ImportLocation>();

  constructor(readonly format: InterchangeFormat) {}

  room(name: string | null, at: ImportLocation): void {
    if (name !== null && !this.rooms.has(name)) this.rooms.set(name, at);
  }

  speaker(speaker: ImportedSpeaker | null): void {
    if (speaker && !this.speakers.has(speaker.key)) this.speakers.set(speaker.key, speaker);
  }

  session(session: ImportedSession | null): void {
    if (!session) return;
    const first = this.sessionKeys.get(session.key);
    if (first) {
      this.issues.push(
        issueAt(session.at, null, `repeats the session key "${session.key}" of ${first.path}`),
      );
      return;
    }
    this.sessionKeys.set(session.key, session.at);
    this.sessions.push(session);
  }

  done(hasSessions: boolean): ImportDocument {
    const total = this.rooms.size + this.speakers.size + this.sessions.length;
    if (total > IMPORT_MAX_ITEMS)
      throw new ImportFileError([
        { path: '(file)', message: `has ${total} items; at most ${IMPORT_MAX_ITEMS}` },
      ]);
    // Bad rows are left out and named; the importer adds what only the event can tell (unknown speakers, dates)
    // and refuses the file when anything is wrong.
    return {
      format: this.format,
      rooms: [...this.rooms].map(([name, at]) => ({ name, at })),
      speakers: [...this.speakers.values()],
      sessions: this.sessions,
      hasSessions,
      issues: this.issues.slice(0, MAX_ISSUES),
    };
  }
}

// ------------------------------------------------------------------------------------------------------------------
// pretalx / c3voc schedule JSON

/**
 * A pretalx `schedule.json` (the c3voc schedule JSON: `schedule.conference.days[].rooms{name: talks[]}`). Talks are
 * keyed by `guid` (else `code`, else `id`), persons by `code` (else `guid`, else `id`). Plenary's own export adds a
 * `plenary` object to persons (honorific, title, organisation, country, role); other exporters' extra fields are
 * ignored.
 */
export function parsePretalxJson(body: unknown, timeZone: string): ImportDocument {
  const out = new Collector('pretalx-json');
  const conference =
    isRecord(body) && isRecord(body['schedule']) ? body['schedule']['conference'] : undefined;
  if (!isRecord(conference) || !Array.isArray(conference['days']))
    throw new ImportFileError([
      { path: 'schedule.conference.days', message: 'is missing: not a pretalx / frab schedule JSON' },
    ]);
  if (Array.isArray(conference['rooms']))
    conference['rooms'].forEach((room, index) => {
      if (isRecord(room))
        out.room(text(room['name']), { path: jsonPath('schedule.conference.rooms', index) });
    });
  conference['days'].forEach((day, dayIndex) => {
    const dayPath = jsonPath('schedule.conference.days', dayIndex);
    if (!isRecord(day) || !isRecord(day['rooms'])) {
      out.issues.push({ path: `${dayPath}.rooms`, message: 'must be an object of rooms and their talks' });
      return;
    }
    for (const [roomName, talks] of Object.entries(day['rooms'])) {
      const roomPath = jsonPath(dayPath, 'rooms', roomName);
      if (!Array.isArray(talks)) {
        out.issues.push({ path: roomPath, message: 'must be a list of talks' });
        continue;
      }
      talks.forEach((talk, talkIndex) => {
        const at = { path: jsonPath(roomPath, talkIndex) };
        if (!isRecord(talk)) {
          out.issues.push(issueAt(at, null, 'must be an object'));
          return;
        }
        const room = text(talk['room']) ?? text(roomName);
        out.room(room, at);
        const before = out.issues.length;
        const times = timesFrom(
          { dateTime: talk['date'], day: day['date'], start: talk['start'], duration: talk['duration'] },
          timeZone,
          at,
          out.issues,
          { start: 'date', end: 'duration' },
        );
        const persons = Array.isArray(talk['persons']) ? talk['persons'] : [];
        const speakers: ImportedSession['speakers'] = [];
        persons.forEach((person, personIndex) => {
          const personAt = { path: jsonPath(at.path, 'persons', personIndex) };
          if (!isRecord(person)) {
            out.issues.push(issueAt(personAt, null, 'must be an object'));
            return;
          }
          const extra = isRecord(person['plenary']) ? person['plenary'] : {};
          const key = text(person['code']) ?? text(person['guid']) ?? text(person['id']);
          const fields: ImportedSpeakerFields = {
            name: text(person['public_name']) ?? text(person['name']) ?? '',
            bio: text(person['biography']),
          };
          for (const field of ['honorific', 'organisation', 'country'] as const)
            if (field in extra) fields[field] = text(extra[field]);
          if ('title' in extra) fields.title = text(extra['title']) ?? '';
          const speaker = checkSpeaker(key, fields, personAt, out.issues, 'code');
          out.speaker(speaker);
          if (speaker && !speakers.some((link) => link.key === speaker.key))
            speakers.push({ key: speaker.key, role: roleFrom(extra['role']) ?? 'speaker' });
        });
        if (!times || out.issues.length > before) return;
        out.session(
          checkSession(
            {
              key: text(talk['guid']) ?? text(talk['code']) ?? text(talk['id']),
              title: text(talk['title']) ?? '',
              kind: kindFrom(talk['type']),
              abstract: joinText(talk['abstract'], talk['description']),
              ...times,
              room,
              speakers,
              at,
            },
            out.issues,
            'guid',
          ),
        );
      });
    }
  });
  return out.done(true);
}

// ------------------------------------------------------------------------------------------------------------------
// frab-style schedule XML

const XML_ARRAYS = new Set(['day', 'room', 'event', 'person']);

const lineAt = (source: string, index: number | undefined): number | undefined => {
  if (index === undefined) return undefined;
  let line = 1;
  for (let i = 0; i < index && i < source.length; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
};

/**
 * A frab-style schedule XML (`<schedule><conference/><day date=…><room name=…><event guid=…>` with `date`, `start`,
 * `duration`, `room`, `title`, `type`, `abstract`, `description`, `persons/person`). Events are keyed by `guid`
 * (else `id`), persons by `code`, `guid` or `id`; the name is the element's text. Issues name the event's line.
 */
export function parseFrabXml(source: string, timeZone: string): ImportDocument {
  const out = new Collector('frab-xml');
  // Schedules need no DTD; refusing them rules out entity expansion ("billion laughs") and external entities.
  const doctype = /<!(?:DOCTYPE|ENTITY)/i.exec(source);
  if (doctype)
    throw new ImportFileError([
      {
        path: `line ${lineAt(source, doctype.index) ?? 1}`,
        line: lineAt(source, doctype.index) ?? 1,
        message: 'has a DOCTYPE or ENTITY declaration; schedule files must not have one',
      },
    ]);
  const valid = XMLValidator.validate(source);
  if (valid !== true)
    throw new ImportFileError([
      {
        path: `line ${valid.err.line}`,
        line: valid.err.line,
        message: `is not well-formed XML: ${valid.err.msg}`,
      },
    ]);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    captureMetaData: true,
    isArray: (name) => XML_ARRAYS.has(name),
  });
  const meta = XMLParser.getMetaDataSymbol() as symbol;
  const lineOf = (node: unknown): number | undefined =>
    // fast-xml-parser keeps each element's start offset under its metadata symbol.
    isRecord(node)
      ? lineAt(source, (node as Record<symbol, { startIndex?: number } | undefined>)[meta]?.startIndex)
      : undefined;
  const document: unknown = parser.parse(source);
  const schedule = isRecord(document) ? document['schedule'] : undefined;
  if (!isRecord(schedule) || !Array.isArray(schedule['day']))
    throw new ImportFileError([{ path: 'schedule', message: 'has no <day>: not a frab schedule XML' }]);
  const at = (node: unknown, what: string): ImportLocation => {
    const line = lineOf(node);
    return line === undefined ? { path: what } : { path: `line ${line}`, line };
  };
  for (const day of schedule['day'] as unknown[]) {
    if (!isRecord(day)) continue;
    for (const room of Array.isArray(day['room']) ? (day['room'] as unknown[]) : []) {
      if (!isRecord(room)) continue;
      const roomName = text(room['@_name']);
      out.room(roomName, at(room, 'room'));
      for (const event of Array.isArray(room['event']) ? (room['event'] as unknown[]) : []) {
        if (!isRecord(event)) continue;
        const eventAt = at(event, 'event');
        const before = out.issues.length;
        const times = timesFrom(
          { dateTime: event['date'], day: day['@_date'], start: event['start'], duration: event['duration'] },
          timeZone,
          eventAt,
          out.issues,
          { start: 'date', end: 'duration' },
        );
        const persons = isRecord(event['persons']) ? event['persons']['person'] : undefined;
        const speakers: ImportedSession['speakers'] = [];
        for (const person of Array.isArray(persons) ? (persons as unknown[]) : []) {
          const node = isRecord(person) ? person : { '#text': person };
          const personAt = at(person, `${eventAt.path}.persons`);
          const key = text(node['@_code']) ?? text(node['@_guid']) ?? text(node['@_id']);
          const speaker = checkSpeaker(
            key,
            { name: text(node['#text']) ?? '' },
            lineOf(person) === undefined ? eventAt : personAt,
            out.issues,
            'person',
          );
          out.speaker(speaker);
          if (speaker && !speakers.some((link) => link.key === speaker.key))
            speakers.push({ key: speaker.key, role: roleFrom(node['@_role']) ?? 'speaker' });
        }
        if (!times || out.issues.length > before) continue;
        const ownRoom = text(event['room']) ?? roomName;
        out.room(ownRoom, eventAt);
        out.session(
          checkSession(
            {
              key: text(event['@_guid']) ?? text(event['@_id']),
              title: text(event['title']) ?? '',
              kind: kindFrom(event['type']),
              abstract: joinText(event['abstract'], event['description']),
              ...times,
              room: ownRoom,
              speakers,
              at: eventAt,
            },
            out.issues,
            'guid',
          ),
        );
      }
    }
  }
  return out.done(true);
}

// ------------------------------------------------------------------------------------------------------------------
// CSV

/** Columns of the sessions CSV; `id`, `title`, `date`, `start` and `end` or `duration` are required. */
export const SESSION_CSV_COLUMNS = [
  'id',
  'title',
  'kind',
  'date',
  'start',
  'end',
  'duration',
  'room',
  'speakers',
  'abstract',
] as const;
/** Columns of the speakers CSV; `id` and `name` are required. */
export const SPEAKER_CSV_COLUMNS = [
  'id',
  'name',
  'honorific',
  'title',
  'organisation',
  'country',
  'bio',
] as const;

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * A sessions CSV (a `start` column) or a speakers CSV (the rest). Header names are case-insensitive; unknown columns
 * are refused (a typo would otherwise drop a field silently). Issues name the CSV line (the header is line 1).
 */
export function parseCsvSchedule(source: string, timeZone: string): ImportDocument {
  let header: string[] = [];
  let rows: CsvRow[];
  try {
    rows = parseCsv(source, {
      columns: (columns: string[]) => (header = columns.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      max_record_size: 100_000,
    }) as unknown as CsvRow[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError([
      {
        path: line ? `line ${line}` : '(file)',
        ...(line ? { line } : {}),
        message: `is not valid CSV: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`,
      },
    ]);
  }
  const sessions = header.includes('start');
  const allowed: readonly string[] = sessions ? SESSION_CSV_COLUMNS : SPEAKER_CSV_COLUMNS;
  const required = sessions ? ['id', 'title', 'date', 'start'] : ['id', 'name'];
  const headerIssues = [
    ...header
      .filter((column) => !allowed.includes(column))
      .map((column) => ({
        path: 'line 1',
        line: 1,
        message: `has an unknown column "${column}" (allowed: ${allowed.join(', ')})`,
      })),
    ...required
      .filter((column) => !header.includes(column))
      .map((column) => ({ path: 'line 1', line: 1, message: `has no "${column}" column` })),
  ];
  if (sessions && !header.includes('end') && !header.includes('duration'))
    headerIssues.push({ path: 'line 1', line: 1, message: 'has neither an "end" nor a "duration" column' });
  if (header.length === 0)
    headerIssues.push({ path: 'line 1', line: 1, message: 'is empty: the file needs a header row' });
  if (headerIssues.length > 0) throw new ImportFileError(headerIssues);
  const out = new Collector(sessions ? 'csv-sessions' : 'csv-speakers');
  const seenSpeakers = new Map<string, number>();
  for (const { record, info } of rows) {
    const at = { path: `line ${info.lines}`, line: info.lines };
    // A leading quote before a formula character is the export's spreadsheet guard, not part of the value.
    const value = (column: string): string | null => text(record[column]?.replace(/^'(?=[=+\-@\t\r])/, ''));
    if (!sessions) {
      const key = value('id');
      if (key !== null && seenSpeakers.has(key)) {
        out.issues.push(issueAt(at, 'id', `repeats the id "${key}" of line ${seenSpeakers.get(key)}`));
        continue;
      }
      if (key !== null) seenSpeakers.set(key, info.lines);
      const fields: ImportedSpeakerFields = { name: value('name') ?? '' };
      for (const column of ['honorific', 'organisation', 'country', 'bio'] as const)
        if (header.includes(column)) fields[column] = value(column);
      if (header.includes('title')) fields.title = value('title') ?? '';
      out.speaker(checkSpeaker(key, fields, at, out.issues, 'id'));
      continue;
    }
    const before = out.issues.length;
    const times = timesFrom(
      {
        day: value('date'),
        start: value('start'),
        end: value('end') ?? undefined,
        duration: value('duration'),
      },
      timeZone,
      at,
      out.issues,
      { start: 'start', end: value('end') !== null ? 'end' : 'duration' },
    );
    const speakers: ImportedSession['speakers'] = [];
    for (const entry of (value('speakers') ?? '').split(';').map((part) => part.trim())) {
      if (entry === '') continue;
      const [key = '', roleText] = entry.split(':').map((part) => part.trim());
      const role = roleText === undefined ? 'speaker' : roleFrom(roleText);
      if (role === undefined) {
        out.issues.push(issueAt(at, 'speakers', `"${roleText}" is not a role (${SPEAKER_ROLES.join(', ')})`));
        continue;
      }
      if (!speakers.some((link) => link.key === key)) speakers.push({ key, role });
    }
    const kind = value('kind');
    if (kind !== null && !(SESSION_KINDS as readonly string[]).includes(kind.toLowerCase()))
      out.issues.push(issueAt(at, 'kind', `must be one of ${SESSION_KINDS.join(', ')}`));
    if (!times || out.issues.length > before) continue;
    out.session(
      checkSession(
        {
          key: value('id'),
          title: value('title') ?? '',
          kind: kind === null ? 'talk' : (kind.toLowerCase() as SessionKind),
          abstract: value('abstract'),
          ...times,
          room: value('room'),
          speakers,
          at,
        },
        out.issues,
        'id',
      ),
    );
    out.room(value('room'), at);
  }
  return out.done(sessions);
}

// ------------------------------------------------------------------------------------------------------------------
// Detection

/**
 * Which format a body is, from its Content-Type and, failing that, its first characters: JSON (`{`), XML (`<`), CSV.
 */
export function detectFormat(contentType: string | undefined, body: string): 'json' | 'xml' | 'csv' {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return 'json';
  if (type === 'application/xml' || type === 'text/xml') return 'xml';
  if (type === 'text/csv') return 'csv';
  const start = body.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'json';
  if (start.startsWith('<')) return 'xml';
  return 'csv';
}

/** Reads a schedule file of any supported format into one document (throws `ImportFileError` on bad rows). */
export function readSchedule(kind: 'json' | 'xml' | 'csv', body: unknown, timeZone: string): ImportDocument {
  if (kind === 'json') {
    let value = body;
    if (typeof body === 'string') {
      try {
        value = JSON.parse(body.replace(/^\uFEFF/, '')) as unknown;
      } catch (error) {
        throw new ImportFileError([
          { path: '(file)', message: `is not valid JSON: ${(error as Error).message}` },
        ]);
      }
    }
    return parsePretalxJson(value, timeZone);
  }
  const source = typeof body === 'string' ? body : '';
  return kind === 'xml' ? parseFrabXml(source, timeZone) : parseCsvSchedule(source, timeZone);
}

export const isInterchangeFormat = (value: string): value is InterchangeFormat =>
  (INTERCHANGE_FORMATS as readonly string[]).includes(value);
