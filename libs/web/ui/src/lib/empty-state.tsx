import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  message?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 2 | 3;
}

/** Nothing to show yet, said plainly. */
export function EmptyState({ title, message, actions, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="pl-state pl-state--empty">
      <Heading className="pl-state__title">{title}</Heading>
      {message && <p className="pl-state__message">{message}</p>}
      {actions && <div className="pl-state__actions">{actions}</div>}
    </section>
  );
}
