import type {
  CreateSessionRequest,
  ManagedSession,
  SessionKind,
  SessionVisibility,
  SpeakerRole,
  UpdateSessionRequest,
  ValidationIssue,
} from '@plenary/contracts';
import { datePart, timePart } from './wall-clock';

/** The session form's state: strings as the inputs hold them, times on the event's wall clock. */
export interface SessionFormValues {
  kind: SessionKind;
  title: string;
  abstract: string;
  /** ISO date of the session's day in the event's zone. */
  day: string;
  /** `HH:mm`. */
  startTime: string;
  endTime: string;
  /** '' for no room. */
  roomId: string;
  speakers: { speakerId: string; role: SpeakerRole }[];
  qaEnabled: boolean;
  pollsEnabled: boolean;
  confidential: boolean;
  visibility: SessionVisibility;
}

export type SessionField =
  | 'kind'
  | 'title'
  | 'abstract'
  | 'day'
  | 'startTime'
  | 'endTime'
  | 'roomId'
  | 'speakers';

/** A problem found before sending, as a key of the `editor.session.errors` strings. */
export type SessionFormProblem =
  | 'required'
  | 'titleTooLong'
  | 'abstractTooLong'
  | 'invalidTime'
  | 'endBeforeStart';

export const TITLE_MAX = 300;
export const ABSTRACT_MAX = 20_000;

export function emptySessionForm(
  day: string,
  roomId = '',
  startTime = '09:00',
  endTime = '10:00',
): SessionFormValues {
  return {
    kind: 'talk',
    title: '',
    abstract: '',
    day,
    startTime,
    endTime,
    roomId,
    speakers: [],
    qaEnabled: true,
    pollsEnabled: true,
    confidential: false,
    visibility: 'public',
  };
}

export function sessionToForm(session: ManagedSession): SessionFormValues {
  return {
    kind: session.kind,
    title: session.title,
    abstract: session.abstract ?? '',
    day: datePart(session.startsLocal),
    startTime: timePart(session.startsLocal),
    endTime: timePart(session.endsLocal),
    roomId: session.roomId ?? '',
    speakers: session.speakers.map((link) => ({ speakerId: link.speaker.id, role: link.role })),
    qaEnabled: session.qaEnabled,
    pollsEnabled: session.pollsEnabled,
    confidential: session.confidential,
    visibility: session.visibility,
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The checks the browser can make; the server makes them again (and checks the event's dates). */
export function validateSessionForm(
  values: SessionFormValues,
): Partial<Record<SessionField, SessionFormProblem>> {
  const problems: Partial<Record<SessionField, SessionFormProblem>> = {};
  const title = values.title.trim();
  if (title === '') problems.title = 'required';
  else if (title.length > TITLE_MAX) problems.title = 'titleTooLong';
  if (values.abstract.trim().length > ABSTRACT_MAX) problems.abstract = 'abstractTooLong';
  if (!DATE.test(values.day)) problems.day = 'required';
  if (!TIME.test(values.startTime)) problems.startTime = values.startTime === '' ? 'required' : 'invalidTime';
  if (!TIME.test(values.endTime)) problems.endTime = values.endTime === '' ? 'required' : 'invalidTime';
  // An end at or before the start (same day: the form has one day per session).
  if (!problems.startTime && !problems.endTime && values.endTime <= values.startTime) {
    problems.endTime = 'endBeforeStart';
  }
  return problems;
}

/** Every field of the session as the API takes it. */
export function formToRequest(
  values: SessionFormValues,
): Required<Omit<CreateSessionRequest, 'externalId' | 'cancelled'>> {
  return {
    kind: values.kind,
    title: values.title.trim(),
    abstract: values.abstract.trim() === '' ? null : values.abstract,
    startsLocal: `${values.day}T${values.startTime}`,
    endsLocal: `${values.day}T${values.endTime}`,
    roomId: values.roomId === '' ? null : values.roomId,
    speakers: values.speakers.map((link) => ({ speakerId: link.speakerId, role: link.role })),
    qaEnabled: values.qaEnabled,
    pollsEnabled: values.pollsEnabled,
    confidential: values.confidential,
    visibility: values.visibility,
  };
}

/** The fields of `values` that differ from `session` (a partial `PATCH`); null when nothing changed. */
export function sessionPatch(
  session: ManagedSession,
  values: SessionFormValues,
): UpdateSessionRequest | null {
  const before = formToRequest(sessionToForm(session));
  const after = formToRequest(values);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  // Times travel together so the server checks their order.
  if ('startsLocal' in patch || 'endsLocal' in patch) {
    patch['startsLocal'] = after.startsLocal;
    patch['endsLocal'] = after.endsLocal;
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The form field a server issue (`path` of the API's request) belongs to. */
export function fieldOfIssue(issue: ValidationIssue): SessionField | null {
  const root = issue.path.split('.')[0]?.split('[')[0] ?? '';
  switch (root) {
    case 'kind':
    case 'title':
    case 'abstract':
    case 'roomId':
    case 'speakers':
      return root;
    case 'startsLocal':
      return 'startTime';
    case 'endsLocal':
      return 'endTime';
    default:
      return null;
  }
}
