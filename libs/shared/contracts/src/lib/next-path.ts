import { z } from 'zod';

/** Longest `next` address kept; longer ones are dropped (ours are a few dozen characters). */
export const NEXT_PATH_MAX_LENGTH = 2048;

/** Stands in for the site's origin when the caller does not pass its own: only "same origin or not" matters. */
const PROBE_ORIGIN = 'https://plenary.invalid';

/** Rounds of percent-decoding looked through; anything encoded deeper is refused. */
const DECODE_ROUNDS = 3;

/** Control, format and white-space characters: URL parsers strip or reinterpret some of them (tab, newline). */
const UNSAFE_CHARACTER = /[\p{Cc}\p{Cf}\p{White_Space}]/u;

function decodeFully(value: string): string | undefined {
  let current = value;
  for (let round = 0; round < DECODE_ROUNDS; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (decoded === current) return current;
    current = decoded;
  }
  return undefined;
}

const looksLikeLocalPath = (value: string): boolean =>
  value.startsWith('/') && !value.includes('//') && !value.includes('\\') && !UNSAFE_CHARACTER.test(value);

/**
 * The `next` address to return to after signing in, as a normalised path on this site (`/e/x/ticket?y#z`), or
 * undefined when it could lead anywhere else or confuse the router. The one check, used by the sign-in pages and by
 * the api before it puts `next` into a sign-in link. Refused, as given and once fully percent-decoded: anything not
 * starting with `/`; `//` anywhere (protocol-relative); backslashes; control, format and white-space characters
 * (`/%09/host`, `/%0A/host`: URL parsers drop tabs and newlines); undecodable or deeper-encoded values; anything
 * whose `new URL(next, origin).origin` is not `origin`. Schemes (`javascript:`, `https:`) cannot start with `/`.
 */
export function safeNextPath(raw: unknown, origin: string = PROBE_ORIGIN): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > NEXT_PATH_MAX_LENGTH) return undefined;
  const decoded = decodeFully(raw);
  if (decoded === undefined || !looksLikeLocalPath(raw) || !looksLikeLocalPath(decoded)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, origin);
    if (new URL(decoded, origin).origin !== url.origin) return undefined;
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A `next` field of a request: a path on this site (see `safeNextPath`), normalised. */
export const nextPathSchema = z
  .string()
  .max(NEXT_PATH_MAX_LENGTH, `must be at most ${NEXT_PATH_MAX_LENGTH} characters`)
  .transform((value, context) => {
    const path = safeNextPath(value);
    if (path === undefined) {
      context.addIssue({ code: 'custom', message: 'must be a path on this site' });
      return z.NEVER;
    }
    return path;
  });
