import type { ReactNode } from 'react';
import { Button } from './button';

export interface ErrorStateProps {
  title: ReactNode;
  /** What went wrong, e.g. the API error's message. */
  message?: ReactNode;
  /** The error code (`programme/event-not-found`) and request id, shown small for support requests. */
  code?: string;
  requestId?: string | null;
  /** Translated labels: "Error code", "Request id", "Try again". */
  labels: { code: string; requestId: string; retry: string };
  onRetry?: () => void;
  /** Further actions, e.g. a link back. */
  actions?: ReactNode;
  /** Heading level of the title: 1 when the error is the whole page. */
  headingLevel?: 1 | 2;
}

/** A failure explained in words, with its code for support and a way to try again. */
export function ErrorState({
  title,
  message,
  code,
  requestId,
  labels,
  onRetry,
  actions,
  headingLevel = 2,
}: ErrorStateProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="pl-state pl-state--error" role="alert">
      <Heading className="pl-state__title">{title}</Heading>
      {message && <p className="pl-state__message">{message}</p>}
      {(code || requestId) && (
        <dl className="pl-state__meta">
          {code && (
            <div>
              <dt>{labels.code}</dt>
              <dd>
                <code>{code}</code>
              </dd>
            </div>
          )}
          {requestId && (
            <div>
              <dt>{labels.requestId}</dt>
              <dd>
                <code>{requestId}</code>
              </dd>
            </div>
          )}
        </dl>
      )}
      {(onRetry || actions) && (
        <div className="pl-state__actions">
          {onRetry && (
            <Button variant="secondary" onClick={onRetry}>
              {labels.retry}
            </Button>
          )}
          {actions}
        </div>
      )}
    </section>
  );
}
