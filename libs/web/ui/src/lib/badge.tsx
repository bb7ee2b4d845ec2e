import type { SessionKind, SessionState } from '@plenary/contracts';
import type { ReactNode } from 'react';
import { classNames } from './class-names';

export type BadgeTone = 'neutral' | 'navy' | 'accent' | 'live' | 'muted';

export interface BadgeProps {
  tone?: BadgeTone;
  /** A pulsing dot before the label (reserved for "live"). */
  dot?: boolean;
  children: ReactNode;
}

export function Badge({ tone = 'neutral', dot = false, children }: BadgeProps) {
  return (
    <span className={classNames('pl-badge', `pl-badge--${tone}`)}>
      {dot && <span className="pl-badge__dot" aria-hidden="true" />}
      {children}
    </span>
  );
}

function kindTone(kind: SessionKind): BadgeTone {
  switch (kind) {
    case 'opening':
    case 'closing':
      return 'navy';
    case 'keynote':
      return 'accent';
    case 'panel':
    case 'talk':
    case 'workshop':
    case 'other':
      return 'neutral';
    case 'break':
      return 'muted';
  }
}

/** The kind of a session (opening, panel…); the label comes translated from the caller. */
export function SessionKindBadge({ kind, children }: { kind: SessionKind; children: ReactNode }) {
  return <Badge tone={kindTone(kind)}>{children}</Badge>;
}

/** The state of a session; "live" gets the red dot, "scheduled" renders nothing. */
export function SessionStateBadge({ state, children }: { state: SessionState; children: ReactNode }) {
  switch (state) {
    case 'scheduled':
      return null;
    case 'live':
      return (
        <Badge tone="live" dot>
          {children}
        </Badge>
      );
    case 'ended':
      return <Badge tone="muted">{children}</Badge>;
  }
}
