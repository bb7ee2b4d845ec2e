import { SPEAKER_PHOTO_MIN_SIDE, SPEAKER_PHOTO_WIDTHS } from '@plenary/contracts';
import { ProgrammeException } from '@plenary/server-programme';
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';

/**
 * Most pixels an upload may declare (width × height): 50 megapixels, a large phone camera's photo. Decoding is what
 * costs memory (about 3 bytes a pixel), so a 2 MB PNG declaring 30,000 × 30,000 — a decompression bomb — is refused
 * from its header, before anything is decoded; sharp's `limitInputPixels` is the second guard on the decode itself.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Changes when the encoding below does, so new uploads of the same file get new keys (old ones stay cached). */
const PIPELINE_VERSION = 'speaker-photo/1';

export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface ProcessedPhoto {
  /** Content hash of the upload and pipeline version: the photo's id and key prefix in the media store. */
  id: string;
  /** The format the content turned out to be. */
  format: PhotoFormat;
  sizes: Array<{ width: number; bytes: Buffer; contentType: 'image/webp' }>;
}

/** The format the first bytes say, whatever the file name or declared type claimed (null: not one we take). */
export function sniffFormat(bytes: Buffer): PhotoFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/**
 * Checks an uploaded file and re-encodes it: the content must be JPEG, PNG or WebP (magic bytes, then sharp's own
 * reading of the header agreeing), at most MAX_INPUT_PIXELS and at least SPEAKER_PHOTO_MIN_SIDE on each side. Each
 * size is a square WebP, turned upright by its EXIF orientation and cropped to the centre; sharp writes no metadata
 * (EXIF, GPS, XMP, ICC) unless asked, so none of the upload's survives. Errors: 415 not an accepted image, 422
 * unusable (corrupt, too small, too many pixels).
 */
export async function processSpeakerPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  const sniffed = sniffFormat(bytes);
  if (!sniffed) throw ProgrammeException.photoUnsupportedType();
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw ProgrammeException.photoUnreadable(
      'The image could not be read: the file is damaged or incomplete.',
    );
  }
  if (metadata.format !== sniffed) throw ProgrammeException.photoUnsupportedType();
  const { width, height } = metadata;
  if (!width || !height)
    throw ProgrammeException.photoUnreadable('The image could not be read: it has no size.');
  if (width * height > MAX_INPUT_PIXELS)
    throw ProgrammeException.photoUnreadable(
      `The image has too many pixels (${width} × ${height}); at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels are accepted.`,
      { width, height, maxPixels: MAX_INPUT_PIXELS },
    );
  if (Math.min(width, height) < SPEAKER_PHOTO_MIN_SIDE)
    throw ProgrammeException.photoUnreadable(
      `The image is too small (${width} × ${height}); it needs at least ${SPEAKER_PHOTO_MIN_SIDE} pixels on each side.`,
      { width, height, minSide: SPEAKER_PHOTO_MIN_SIDE },
    );
  const id = createHash('sha256').update(PIPELINE_VERSION).update(bytes).digest('hex').slice(0, 32);
  try {
    const sizes = await Promise.all(
      SPEAKER_PHOTO_WIDTHS.map(async (size) => ({
        width: size,
        bytes: await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
          .rotate()
          .resize(size, size, { fit: 'cover', position: 'centre' })
          .webp({ quality: 82 })
          .toBuffer(),
        contentType: 'image/webp' as const,
      })),
    );
    return { id, format: sniffed, sizes };
  } catch {
    throw ProgrammeException.photoUnreadable(
      'The image could not be decoded: the file is damaged or incomplete.',
    );
  }
}
