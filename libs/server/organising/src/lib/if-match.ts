import { CoreException } from '@plenary/server-core';
import { ProgrammeException } from '@plenary/server-programme';

/** The ETag of a versioned resource: its version in quotes. */
export const versionEtag = (version: number): string => `"${version}"`;

/**
 * The version an `If-Match` header names (`"3"` or `W/"3"`, as the ETag was read). Missing: 428
 * `programme/precondition-required`; anything else (`*`, lists): 400 naming the header.
 */
export function expectedVersion(header: string | string[] | undefined): number {
  if (header === undefined || header === '') throw ProgrammeException.preconditionRequired();
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (!match?.[1])
    throw new CoreException('core/validation-failed', 'The request is not valid.', [
      { path: 'If-Match', message: 'must be the ETag you read, e.g. "3"' },
    ]);
  return Number(match[1]);
}

/** Whether an `If-None-Match` header names `etag` (or is `*`). */
export function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const values = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim());
  return values.some((tag) => tag === '*' || tag === etag || tag === `W/${etag}`);
}
