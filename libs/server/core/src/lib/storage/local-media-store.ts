import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { assertMediaKey, contentTypeOfKey, type MediaStore, type StoredMedia } from './media-store';

const missing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';

/**
 * Media as files under one folder (`MEDIA_DIR`, by default `PLENARY_DATA_DIR/media`). A put writes a temporary
 * file and renames it into place, so a reader never sees half an object. The content type is the key's extension's.
 */
export class LocalMediaStore implements MediaStore {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertMediaKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, bytes);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredMedia | null> {
    const path = this.path(key);
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      return { body: createReadStream(path), contentType: contentTypeOfKey(key), size: info.size };
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
