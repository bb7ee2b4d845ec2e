import {
  managedRoomSchema,
  managedSessionSchema,
  managedSpeakerSchema,
  programmeEditorViewSchema,
  sessionWriteResultSchema,
} from '@plenary/contracts';
import type {
  CreateRoomRequest,
  CreateSessionRequest,
  CreateSpeakerRequest,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  ProgrammeEditorView,
  SessionWriteResult,
  UpdateRoomRequest,
  UpdateSessionRequest,
  UpdateSpeakerRequest,
} from '@plenary/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiRequestError, apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { personalQueryKeys, programmeQueryKeys } from './query-keys';

// The programme editor (issue #12): one read of everything the editor shows, and one function per write. Updates
// carry `If-Match: "<version>"`; a stale version rejects with `programme/version-conflict` (412), whose
// `details.current` `readVersionConflict` turns into the resource as it is now.

const base = (slug: string) => `/events/${encodeURIComponent(slug)}/programme`;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** Query key of the editor's view: under the organiser's keys, so signing out drops it. */
export const programmeEditorQueryKey = (slug: string) =>
  [...personalQueryKeys.organiser(slug), 'programme'] as const;

/** GET /api/events/:slug/programme (organisers): the event, rooms, sessions, speakers and warnings. */
export function getProgrammeEditor(
  slug: string,
  options: ApiRequestOptions = {},
): Promise<ProgrammeEditorView> {
  return apiGet(base(slug), programmeEditorViewSchema, options);
}

export function programmeEditorQueryOptions(slug: string) {
  return queryOptions({
    queryKey: programmeEditorQueryKey(slug),
    queryFn: ({ signal }) => getProgrammeEditor(slug, { signal }),
  });
}

export function useProgrammeEditor(slug: string) {
  return useQuery(programmeEditorQueryOptions(slug));
}

export function createRoom(slug: string, room: CreateRoomRequest): Promise<ManagedRoom> {
  return apiRequest('POST', `${base(slug)}/rooms`, managedRoomSchema, { body: room });
}

export function updateRoom(
  slug: string,
  roomId: string,
  version: number,
  patch: UpdateRoomRequest,
): Promise<ManagedRoom> {
  return apiRequest('PATCH', `${base(slug)}/rooms/${roomId}`, managedRoomSchema, {
    body: patch,
    headers: ifMatch(version),
  });
}

export function deleteRoom(slug: string, roomId: string): Promise<void> {
  return apiRequest('DELETE', `${base(slug)}/rooms/${roomId}`, null);
}

export function createSpeaker(slug: string, speaker: CreateSpeakerRequest): Promise<ManagedSpeaker> {
  return apiRequest('POST', `${base(slug)}/speakers`, managedSpeakerSchema, { body: speaker });
}

export function updateSpeaker(
  slug: string,
  speakerId: string,
  version: number,
  patch: UpdateSpeakerRequest,
): Promise<ManagedSpeaker> {
  return apiRequest('PATCH', `${base(slug)}/speakers/${speakerId}`, managedSpeakerSchema, {
    body: patch,
    headers: ifMatch(version),
  });
}

export function deleteSpeaker(slug: string, speakerId: string): Promise<void> {
  return apiRequest('DELETE', `${base(slug)}/speakers/${speakerId}`, null);
}

export function createSession(slug: string, session: CreateSessionRequest): Promise<SessionWriteResult> {
  return apiRequest('POST', `${base(slug)}/sessions`, sessionWriteResultSchema, { body: session });
}

export function updateSession(
  slug: string,
  sessionId: string,
  version: number,
  patch: UpdateSessionRequest,
): Promise<SessionWriteResult> {
  return apiRequest('PATCH', `${base(slug)}/sessions/${sessionId}`, sessionWriteResultSchema, {
    body: patch,
    headers: ifMatch(version),
  });
}

export function cancelSession(slug: string, sessionId: string): Promise<SessionWriteResult> {
  return apiRequest('POST', `${base(slug)}/sessions/${sessionId}/cancel`, sessionWriteResultSchema);
}

export function deleteSession(slug: string, sessionId: string): Promise<void> {
  return apiRequest('DELETE', `${base(slug)}/sessions/${sessionId}`, null);
}

/**
 * The current resource of a `programme/version-conflict` answer, parsed with `schema`; null for any other error
 * (or a conflict whose `details.current` does not match).
 */
export function readVersionConflict<Schema extends z.ZodType>(
  error: unknown,
  schema: Schema,
): z.output<Schema> | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'programme/version-conflict') return null;
  const details = error.details as { current?: unknown } | null | undefined;
  const parsed = schema.safeParse(details?.current);
  return parsed.success ? parsed.data : null;
}

export const readSessionConflict = (error: unknown): ManagedSession | null =>
  readVersionConflict(error, managedSessionSchema);
export const readRoomConflict = (error: unknown): ManagedRoom | null =>
  readVersionConflict(error, managedRoomSchema);
export const readSpeakerConflict = (error: unknown): ManagedSpeaker | null =>
  readVersionConflict(error, managedSpeakerSchema);

/**
 * After a programme write: the editor's view and every public read of the event (its page, its sessions) are
 * fetched again, so the programme the attendees see matches what was saved.
 */
export async function refreshProgramme(queryClient: QueryClient, slug: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: programmeEditorQueryKey(slug) }),
    queryClient.invalidateQueries({ queryKey: programmeQueryKeys.event(slug) }),
    queryClient.invalidateQueries({ queryKey: programmeQueryKeys.events(), exact: true }),
  ]);
}

/**
 * A programme write as a mutation: on success the editor's view and the public programme refresh. Errors are the
 * caller's to show (a 412 opens the conflict dialog, a 400 marks fields).
 */
export function useProgrammeWrite<Variables, Result>(
  slug: string,
  write: (variables: Variables) => Promise<Result>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => refreshProgramme(queryClient, slug),
  });
}
