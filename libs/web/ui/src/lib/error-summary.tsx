import type { MouseEvent, ReactNode, Ref } from 'react';

export interface ErrorSummaryItem {
  /** The id of the control to move to; without it the message is shown as text. */
  fieldId?: string;
  message: ReactNode;
}

export interface ErrorSummaryProps {
  title: ReactNode;
  items: readonly ErrorSummaryItem[];
  /** Focus it after a failed submit so the errors are read out first. */
  ref?: Ref<HTMLDivElement>;
}

/**
 * The errors of a form, at its top, each linking to its field. Focusable (`tabIndex=-1`): the form moves focus
 * here when a submit fails.
 */
export function ErrorSummary({ title, items, ref }: ErrorSummaryProps) {
  const handleFieldLink = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = document.getElementById(fieldId);
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  };
  return (
    <div ref={ref} className="pl-error-summary" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="pl-error-summary__title">
        {title}
      </h2>
      <ul className="pl-error-summary__list">
        {items.map((item, index) => (
          <li key={item.fieldId ?? `message-${index}`}>
            {item.fieldId ? (
              <a href={`#${item.fieldId}`} onClick={(event) => handleFieldLink(event, item.fieldId ?? '')}>
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
