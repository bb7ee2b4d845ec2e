import {
  importListSchema,
  importProgressSchema,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
} from '@plenary/contracts';
import type { ImportList, ImportProgress } from '@plenary/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/** At most this many rows, and this many bytes, per CSV import (the API refuses more). */
export const INVITATIONS_IMPORT_MAX_ROWS = IMPORT_MAX_ROWS;
export const INVITATIONS_IMPORT_MAX_BYTES = IMPORT_MAX_BYTES;
/** How often the console asks for the progress of a running import. */
export const IMPORT_POLL_MS = 1000;

/**
 * POST /api/events/:slug/invitations/import (organisers): uploads an `email,name,role` CSV as `text/csv` and
 * resolves with the queued import (202). The rows are invited in the background: follow `useImportProgress`.
 */
export function importInvitations(
  slug: string,
  file: Blob | string,
  fileName: string,
): Promise<ImportProgress> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/invitations/import?fileName=${encodeURIComponent(fileName)}`,
    importProgressSchema,
    { raw: { body: file, contentType: 'text/csv' } },
  );
}

export function useImportInvitations(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, fileName }: { file: Blob | string; fileName: string }) =>
      importInvitations(slug, file, fileName),
    onSuccess: (progress) => {
      queryClient.setQueryData(personalQueryKeys.importProgress(slug, progress.id), progress);
      void queryClient.invalidateQueries({ queryKey: personalQueryKeys.imports(slug) });
    },
  });
}

/** GET /api/events/:slug/imports/:importId: rows done, invited, merged, refused (with line numbers). */
export function getImportProgress(
  slug: string,
  importId: string,
  signal?: AbortSignal,
): Promise<ImportProgress> {
  return apiGet(
    `/events/${encodeURIComponent(slug)}/imports/${encodeURIComponent(importId)}`,
    importProgressSchema,
    { signal },
  );
}

const unfinished = (progress: ImportProgress | undefined): boolean =>
  progress === undefined || progress.status === 'queued' || progress.status === 'running';

/**
 * Follows an import: asks every IMPORT_POLL_MS while it is queued or running (also through an api restart: a
 * failed poll is retried on the next tick), then stops; when it ends, the registrations list is refreshed.
 */
export function useImportProgress(slug: string, importId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: personalQueryKeys.importProgress(slug, importId ?? ''),
    queryFn: async ({ signal }) => {
      const progress = await getImportProgress(slug, importId ?? '', signal);
      if (!unfinished(progress)) {
        void queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) });
        void queryClient.invalidateQueries({ queryKey: personalQueryKeys.imports(slug) });
      }
      return progress;
    },
    enabled: importId !== null,
    retry: false,
    refetchInterval: (query) => (unfinished(query.state.data) ? IMPORT_POLL_MS : false),
    refetchIntervalInBackground: true,
  });
}

/** GET /api/events/:slug/imports: the latest imports, newest first. */
export function getImports(slug: string, signal?: AbortSignal): Promise<ImportList> {
  return apiGet(`/events/${encodeURIComponent(slug)}/imports`, importListSchema, { signal });
}

export function useImports(slug: string) {
  return useQuery({
    queryKey: personalQueryKeys.imports(slug),
    queryFn: ({ signal }) => getImports(slug, signal),
  });
}
