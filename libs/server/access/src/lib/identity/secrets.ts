import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/** 256 random bits, base64url (43 characters): session cookies and magic-link tokens. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** A uniformly random 6-digit access code. */
export const newAccessCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

/** Keyed hash of an access code: 10^6 codes are trivially enumerable, so a plain hash would protect nothing. */
export const accessCodeHash = (secret: string, personId: string, code: string): Buffer =>
  createHmac('sha256', secret).update(`${personId}:${code}`).digest();

/** Rows of an `UPDATE … RETURNING` run through TypeORM, which answers UPDATE with `[rows, affectedCount]`. */
export function returnedRows<T>(result: T[] | [T[], number]): T[] {
  const [first] = result;
  return Array.isArray(first) ? first : (result as T[]);
}
