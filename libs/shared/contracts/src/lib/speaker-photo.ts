import { z } from 'zod';

// Speaker photos (issue #12): uploaded as multipart/form-data to `PUT /api/events/:slug/programme/speakers/:id/photo`,
// decoded and re-encoded by the server into fixed square sizes (WebP, no metadata), stored under content-hashed keys
// and served from `/api/media/…` with a year-long immutable cache lifetime. See docs/media.md#speaker-photos.

/** Largest upload, in bytes (5 MiB). Larger bodies are refused with `413 programme/photo-too-large`. */
export const SPEAKER_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
/** Formats accepted, by their content (the file name and the declared type are not trusted). */
export const SPEAKER_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Widths (square) every photo is re-encoded to. */
export const SPEAKER_PHOTO_WIDTHS = [96, 256, 512] as const;
/** The width `photoUrl` names: what a speaker card shows at 1× and 2× of its 96–128 px avatar. */
export const SPEAKER_PHOTO_DEFAULT_WIDTH = 256;
/** Smallest photo accepted, per side, in pixels. */
export const SPEAKER_PHOTO_MIN_SIDE = 96;
/** The multipart field that carries the file. */
export const SPEAKER_PHOTO_FIELD = 'photo';

/** A photo's id in storage: hex of a content hash. */
export const speakerPhotoIdSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const speakerPhotoSizeSchema = z.object({ width: z.number().int(), url: z.string() });

/** An uploaded speaker photo as clients show it. */
export const speakerPhotoSchema = z.object({
  /** The 256 px square (the speaker's `photoUrl` names it too). */
  url: z.string(),
  /** Every size for `<img srcset>`: `… 96w, … 256w, … 512w`. */
  srcset: z.string(),
  sizes: z.array(speakerPhotoSizeSchema),
});
export type SpeakerPhoto = z.infer<typeof speakerPhotoSchema>;

/** Storage key of one size of a photo. */
export const speakerPhotoKey = (id: string, width: number): string => `speakers/${id}/${width}.webp`;

/** The address a stored photo is served from (same origin as the app, relative). */
export const mediaUrl = (key: string): string => `/api/media/${key}`;

/** The URLs of an uploaded photo. */
export function speakerPhotoOf(id: string): SpeakerPhoto {
  const sizes = SPEAKER_PHOTO_WIDTHS.map((width) => ({ width, url: mediaUrl(speakerPhotoKey(id, width)) }));
  return {
    url: mediaUrl(speakerPhotoKey(id, SPEAKER_PHOTO_DEFAULT_WIDTH)),
    srcset: sizes.map((size) => `${size.url} ${size.width}w`).join(', '),
    sizes,
  };
}
