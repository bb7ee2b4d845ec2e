import type { Readable } from 'node:stream';

/** Injection token of the process's `MediaStore` (local disk or S3, by `MEDIA_STORE`). */
export const MEDIA_STORE = Symbol('MEDIA_STORE');

/** An object read back from a media store. */
export interface StoredMedia {
  body: Readable;
  contentType: string;
  /** Bytes, when the store knows them. */
  size: number | undefined;
}

/**
 * Where uploaded media live (speaker photos): a flat key space of immutable objects. Keys are content-hashed by
 * their writers (`speakers/<hash>/256.webp`), so an object under a key never changes and may be cached forever.
 * Neither implementation is transactional: writers put before they commit the row that names the key, and delete
 * after the row no longer does (see docs/media.md).
 */
export interface MediaStore {
  /** Which implementation (`local`, `s3`), for logs and docs. */
  readonly kind: 'local' | 's3';
  /** Stores `bytes` under `key`, replacing any object there. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none. */
  get(key: string): Promise<StoredMedia | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys are lower-case paths of `[a-z0-9._-]` segments: no `..`, no leading `/`, nothing a file system reinterprets. */
const KEY = /^(?:[a-z0-9][a-z0-9._-]{0,127}\/){0,8}[a-z0-9][a-z0-9._-]{0,127}$/;

/** Whether `key` is a well-formed media key. */
export function isMediaKey(key: string): boolean {
  return KEY.test(key) && !key.split('/').some((segment) => segment.includes('..'));
}

/** Throws unless `key` is a well-formed media key (a programming error: callers build their keys). */
export function assertMediaKey(key: string): void {
  if (!isMediaKey(key)) throw new Error(`not a media key: ${JSON.stringify(key)}`);
}

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  avif: 'image/avif',
};

/** The content type a key's extension stands for (the local store keeps no metadata besides the bytes). */
export function contentTypeOfKey(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}
