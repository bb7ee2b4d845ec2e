import { invitationsResultSchema } from '@plenary/contracts';
import type { InvitationsResult } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError, apiRequest } from './api-client';
import { personalQueryKeys } from './query-keys';

/** At most this many rows, and this many characters, per CSV import (the API refuses more). */
export const INVITATIONS_IMPORT_MAX_ROWS = 1000;
export const INVITATIONS_IMPORT_MAX_CHARS = 1_000_000;

/** One row of a CSV import the API refused: its line number in the file (the header is 1) and why. */
export type InvitationsImportRowError = InvitationsResult['errors'][number];

/**
 * POST /api/events/:slug/invitations/import (organisers): invites everyone in an `email,name,role` CSV. Any
 * bad row rejects the whole file with `core/validation-failed` (see `getImportRowErrors`); nothing is imported.
 */
export function importInvitations(slug: string, csv: string): Promise<InvitationsResult> {
  return apiRequest(
    'POST',
    `/events/${encodeURIComponent(slug)}/invitations/import`,
    invitationsResultSchema,
    { body: { csv } },
  );
}

export function useImportInvitations(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => importInvitations(slug, csv),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: personalQueryKeys.registrations(slug) }),
  });
}

/** The refused rows of a failed import (`details: [{ row, message }]`), in file order; [] for any other error. */
export function getImportRowErrors(error: unknown): InvitationsImportRowError[] {
  if (!(error instanceof ApiRequestError) || !Array.isArray(error.details)) return [];
  return error.details
    .flatMap((detail: unknown) => {
      if (typeof detail !== 'object' || detail === null) return [];
      const { row, message } = detail as Record<string, unknown>;
      return typeof row === 'number' && typeof message === 'string' ? [{ row, message }] : [];
    })
    .sort((a, b) => a.row - b.row);
}
