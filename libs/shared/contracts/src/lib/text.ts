import { z } from 'zod';

/**
 * What people type and other people read (names, organisations, titles, labels). One rule, used by the server to
 * validate and by the browser to check forms, so neither accepts a string that shows nothing.
 */

/**
 * A visible character: a letter, digit, punctuation mark or symbol that is not default-ignorable (U+00AD, U+200B…,
 * U+2060…, U+FEFF, U+3164 Hangul filler, variation selectors…) and not the blank Braille pattern U+2800. Spaces
 * (Zs/Zl/Zp), controls (Cc), format characters (Cf) and combining marks alone show nothing.
 */
const VISIBLE = /(?![\p{Default_Ignorable_Code_Point}\u2800])[\p{L}\p{N}\p{P}\p{S}]/u;

/** White space (tabs and newlines included) and format characters (zero-width, bidi, BOM, soft hyphen) at either end. */
const INVISIBLE_EDGES = /^[\p{White_Space}\p{Cf}]+|[\p{White_Space}\p{Cf}]+$/gu;

/** Control characters (C0, DEL, C1): never part of a one-line text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/u;

/** True when the text shows at least one character. */
export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

/** NFC-normalises and removes white space and format characters at both ends (not inside: ZWJ/ZWNJ matter). */
export function normaliseLine(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE_EDGES, '');
}

/**
 * A required one-line text people read: NFC, trimmed of white space and format characters at both ends, at least one visible
 * character, no control characters, at most `max` characters (counted after normalisation).
 */
export const humanText = (max: number) =>
  z
    .string()
    .max(max * 4, `must be at most ${max} characters`)
    .transform(normaliseLine)
    .pipe(
      z
        .string()
        .min(1, { error: 'is required', abort: true })
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !CONTROL.test(value), 'must not contain control characters')
        .refine(hasVisibleCharacter, 'must contain a visible character'),
    );

/** A person's name (registration, invitation, speaker): the one name rule. */
export const personNameSchema = humanText(200);
