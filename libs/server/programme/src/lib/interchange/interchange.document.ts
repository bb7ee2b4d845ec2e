import type { ScheduleIssue, InterchangeFormat, SessionKind, SpeakerRole } from '@plenary/contracts';

/** Where an item is in the file: a JSON path, or a line of CSV / XML. */
export interface ImportLocation {
  path: string;
  line?: number;
}

/** The speaker fields a format carries; only these are compared and written (the rest stay as the editor set them). */
export interface ImportedSpeakerFields {
  name: string;
  honorific?: string | null;
  title?: string;
  organisation?: string | null;
  country?: string | null;
  bio?: string | null;
}

export interface ImportedRoom {
  name: string;
  at: ImportLocation;
}

export interface ImportedSpeaker {
  key: string;
  fields: ImportedSpeakerFields;
  at: ImportLocation;
}

export interface ImportedSession {
  key: string;
  title: string;
  kind: SessionKind;
  abstract: string | null;
  startsLocal: string;
  endsLocal: string;
  room: string | null;
  speakers: Array<{ key: string; role: SpeakerRole }>;
  at: ImportLocation;
}

/**
 * A schedule file read into one shape, whatever its format: rooms by name, speakers and sessions by their import key,
 * times as wall-clock times in the event's zone. `issues` lists every bad row; an import with any writes nothing.
 */
export interface ImportDocument {
  format: InterchangeFormat;
  rooms: ImportedRoom[];
  speakers: ImportedSpeaker[];
  sessions: ImportedSession[];
  /** Whether the file lists sessions (a speakers CSV does not: it never touches sessions). */
  hasSessions: boolean;
  issues: ScheduleIssue[];
}

export const issueAt = (at: ImportLocation, field: string | null, message: string): ScheduleIssue => ({
  path: field ? `${at.path}.${field}` : at.path,
  message,
  ...(at.line !== undefined ? { line: at.line } : {}),
});
