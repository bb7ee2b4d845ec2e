import type { MultipartFile } from '@fastify/multipart';
import { SPEAKER_PHOTO_FIELD, SPEAKER_PHOTO_MAX_BYTES } from '@plenary/contracts';
import { CoreException } from '@plenary/server-core';
import { ProgrammeException } from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';

/** Room for the multipart framing around the file (boundaries, part headers, a file name). */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Thrown when the body is larger than allowed: the reply closes the connection rather than read the rest. */
export const isTooLarge = (error: unknown): boolean =>
  error instanceof ProgrammeException && error.code === 'programme/photo-too-large';

/**
 * Reads the one file of a `multipart/form-data` photo upload into memory, at most SPEAKER_PHOTO_MAX_BYTES. A body
 * that declares more (Content-Length) is refused before a byte is read; one that streams more (chunked, or a lying
 * length) is refused at the first byte past the limit — the rest is never read.
 */
export async function readPhotoUpload(request: FastifyRequest): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > SPEAKER_PHOTO_MAX_BYTES + MULTIPART_OVERHEAD)
    throw ProgrammeException.photoTooLarge(SPEAKER_PHOTO_MAX_BYTES);
  if (!request.isMultipart())
    throw new CoreException(
      'core/unsupported-media-type',
      `Send the photo as multipart/form-data, in the field "${SPEAKER_PHOTO_FIELD}".`,
    );
  let file: MultipartFile | undefined;
  try {
    // One byte past the limit lets the loop below see that the file is too large (busboy stops at the limit).
    file = await request.file({
      limits: { fileSize: SPEAKER_PHOTO_MAX_BYTES + 1, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
    });
  } catch {
    throw new CoreException('core/bad-request', 'The multipart body could not be read.');
  }
  if (!file || file.fieldname !== SPEAKER_PHOTO_FIELD)
    throw new CoreException('core/validation-failed', 'The request is not valid.', [
      { path: SPEAKER_PHOTO_FIELD, message: 'must be the photo file' },
    ]);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of file.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > SPEAKER_PHOTO_MAX_BYTES) throw ProgrammeException.photoTooLarge(SPEAKER_PHOTO_MAX_BYTES);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ProgrammeException) throw error;
    throw new CoreException('core/bad-request', 'The upload was interrupted.');
  }
  if (size === 0)
    throw new CoreException('core/validation-failed', 'The request is not valid.', [
      { path: SPEAKER_PHOTO_FIELD, message: 'is empty' },
    ]);
  return Buffer.concat(chunks, size);
}
