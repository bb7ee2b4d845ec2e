import { API_PREFIX, INTERCHANGE_MAX_BYTES, programmeImportResultSchema } from '@plenary/contracts';
import type { InterchangeFormat, ProgrammeImportResult } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './api-client';
import { programmeQueryKeys } from './query-keys';

/** The largest schedule file the API reads. */
export const PROGRAMME_IMPORT_MAX_BYTES = INTERCHANGE_MAX_BYTES;

/** The Content-Type of a schedule file by its name; anything else lets the server look at the content. */
export function scheduleContentType(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.xml')) return 'application/xml';
  if (name.endsWith('.csv')) return 'text/csv';
  return 'text/plain';
}

/**
 * POST /api/events/:slug/programme/import (organisers): sends a pretalx / frab JSON or XML schedule or a sessions or
 * speakers CSV; with `dryRun` the answer is the preview and nothing is written.
 */
export function importProgramme(
  slug: string,
  file: Blob | string,
  fileName: string,
  dryRun: boolean,
): Promise<ProgrammeImportResult> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/programme/import?dryRun=${dryRun}`,
    programmeImportResultSchema,
    { raw: { body: file, contentType: scheduleContentType(fileName) } },
  );
}

/** Previews or imports a schedule file; a real import refreshes the event's cached programme. */
export function useProgrammeImport(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fileName, dryRun }: { file: Blob | string; fileName: string; dryRun: boolean }) =>
      importProgramme(slug, file, fileName, dryRun),
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: programmeQueryKeys.event(slug) });
    },
  });
}

/** GET …/programme/export?format=…: a download link (the session cookie authenticates it). */
export function programmeExportUrl(slug: string, format: InterchangeFormat): string {
  return `${API_PREFIX}/events/${encodeURIComponent(slug)}/programme/export?format=${format}`;
}
