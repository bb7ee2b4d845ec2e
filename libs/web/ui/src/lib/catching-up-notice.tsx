import type { ReactNode } from 'react';

export interface CatchingUpNoticeProps {
  /** Shown while true; the live region stays in the page either way, so screen readers announce the change. */
  active: boolean;
  /** "Plenary is catching up — retrying". */
  title: ReactNode;
  /** What happens next, e.g. "This page updates by itself." */
  message?: ReactNode;
}

/**
 * A calm, polite notice floating above the page while the app waits out an outage: not an error, nothing to do.
 * The page keeps what it shows (or its loading state) underneath.
 */
export function CatchingUpNotice({ active, title, message }: CatchingUpNoticeProps) {
  return (
    <div className="pl-catching-up" role="status" aria-live="polite">
      {active && (
        <div className="pl-catching-up__box">
          <span className="pl-catching-up__dot" aria-hidden="true" />
          <span>
            <strong className="pl-catching-up__title">{title}</strong>
            {message && <span className="pl-catching-up__message">{message}</span>}
          </span>
        </div>
      )}
    </div>
  );
}
