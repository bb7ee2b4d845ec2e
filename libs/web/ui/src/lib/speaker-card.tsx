import type { ReactNode } from 'react';
import { Avatar } from './avatar';
import { classNames } from './class-names';

export interface SpeakerCardProps {
  name: string;
  honorific?: string | null;
  title: string;
  organisation?: string | null;
  country?: string | null;
  photoUrl?: string | null;
  /** `srcset` of an uploaded photo (`Speaker.photo.srcset`). */
  photoSrcset?: string | null;
  /** The speaker's role in a session, already translated ("Moderator"). */
  role?: ReactNode;
  headingLevel?: 2 | 3 | 4;
  /** `li` when the card is an item of a list. */
  as?: 'div' | 'li';
  layout?: 'row' | 'stacked';
}

/** A person: portrait or initials, honorific and name, title, organisation and country. */
export function SpeakerCard({
  name,
  honorific,
  title,
  organisation,
  country,
  photoUrl,
  photoSrcset,
  role,
  headingLevel = 3,
  as: Element = 'div',
  layout = 'row',
}: SpeakerCardProps) {
  const Heading = `h${headingLevel}` as const;
  const affiliation = [organisation, country].filter(Boolean).join(' · ');
  return (
    <Element className={classNames('pl-speaker', `pl-speaker--${layout}`)}>
      <Avatar
        name={name}
        photoUrl={photoUrl}
        photoSrcset={photoSrcset}
        size={layout === 'stacked' ? 'lg' : 'md'}
      />
      <div className="pl-speaker__body">
        {role && <p className="pl-speaker__role">{role}</p>}
        <Heading className="pl-speaker__name">
          {honorific && <span className="pl-speaker__honorific">{honorific} </span>}
          {name}
        </Heading>
        <p className="pl-speaker__title">{title}</p>
        {affiliation && <p className="pl-speaker__affiliation">{affiliation}</p>}
      </div>
    </Element>
  );
}
