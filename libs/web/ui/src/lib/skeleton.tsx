import type { CSSProperties, ReactNode } from 'react';
import { classNames } from './class-names';

export interface SkeletonProps {
  width?: CSSProperties['width'];
  height?: CSSProperties['height'];
  shape?: 'text' | 'block' | 'circle';
}

/** A grey placeholder the size of content that is loading; hidden from assistive technology. */
export function Skeleton({ width, height, shape = 'text' }: SkeletonProps) {
  return (
    <span
      className={classNames('pl-skeleton', `pl-skeleton--${shape}`)}
      style={{ width, height }}
      aria-hidden="true"
    />
  );
}

export interface LoadingStateProps {
  /** Announced to screen readers, e.g. "Loading programme…". */
  label: string;
  /** Skeletons that mirror the layout that is coming. */
  children?: ReactNode;
}

/** A polite live region that says what is loading while skeletons hold the layout. */
export function LoadingState({ label, children }: LoadingStateProps) {
  return (
    <div className="pl-loading" role="status" aria-live="polite" aria-busy="true">
      <span className="pl-visually-hidden">{label}</span>
      {children}
    </div>
  );
}
