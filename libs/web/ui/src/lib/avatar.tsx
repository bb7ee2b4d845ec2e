import { classNames } from './class-names';

/** Up to two initials: first letters of the first and last words ("Caroline de Gruyter" → "CG"). */
export function getInitials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  const first = words[0];
  if (!first) return '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string) =>
    Array.from(word.normalize('NFC')).find((char) => /\p{L}/u.test(char)) ?? '';
  return (letter(first) + (last ? letter(last) : '')).toLocaleUpperCase();
}

export interface AvatarProps {
  name: string;
  photoUrl?: string | null;
  /** Every size of an uploaded photo (`url 96w, url 256w, …`): the browser picks what the avatar's size needs. */
  photoSrcset?: string | null;
  size?: 'md' | 'lg';
}

/** Rendered width of each avatar size in CSS pixels (components.css), for `sizes`. */
const AVATAR_WIDTHS = { md: '48px', lg: '72px' } as const;

/** A portrait, or the person's initials when there is none. Decorative: the name is always printed next to it. */
export function Avatar({ name, photoUrl, photoSrcset, size = 'md' }: AvatarProps) {
  return (
    <span className={classNames('pl-avatar', `pl-avatar--${size}`)} aria-hidden="true">
      {photoUrl ? (
        <img
          src={photoUrl}
          {...(photoSrcset ? { srcSet: photoSrcset, sizes: AVATAR_WIDTHS[size] } : {})}
          alt=""
          loading="lazy"
          decoding="async"
        />
      ) : (
        getInitials(name)
      )}
    </span>
  );
}
