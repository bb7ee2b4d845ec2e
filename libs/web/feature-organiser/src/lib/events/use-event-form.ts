import type { ValidationIssue } from '@plenary/contracts';
import { getValidationIssues, isApiErrorCode } from '@plenary/web-data-access';
import type { ErrorSummaryItem } from '@plenary/web-ui';
import { useRef, useState } from 'react';
import { useOrganiserTranslation } from '../organiser-i18n';
import type { EventFormValues } from './event-form-model';
import { errorsByField } from './event-form-model';

/** The label text of a control, for the error summary ("Slug: …"). */
function labelOf(fieldId: string): string {
  const control = document.getElementById(fieldId) as HTMLInputElement | null;
  const label = control?.labels?.[0];
  const optional = label?.querySelector('.pl-field__optional')?.textContent ?? '';
  return (label?.textContent ?? '').replace(optional, '').trim();
}

/**
 * An event form's values and errors: field errors from a client check or the API (400 with `details`, 409 slug
 * taken), and the summary at the top that gets focus after a failed submit.
 */
export function useEventForm(initial: EventFormValues) {
  const { t } = useOrganiserTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<ErrorSummaryItem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);

  const showErrors = (fieldErrors: Record<string, string>) => {
    setErrors(fieldErrors);
    const items = Object.entries(fieldErrors).map(([fieldId, message]) => {
      const label = labelOf(fieldId);
      return { fieldId, message: label ? `${label}: ${message}` : message };
    });
    setSummary(items);
    // After React renders the summary.
    requestAnimationFrame(() => summaryRef.current?.focus());
  };

  return {
    values,
    errors,
    summary,
    summaryRef,
    setValues: (next: EventFormValues) => {
      setValues(next);
      setErrors((current) => {
        // A field's error goes once it is edited; the others stay until the next submit.
        const changed = Object.keys(current).filter((id) => {
          const key = id.replace(/^event-/, '') as keyof EventFormValues;
          return key in next && next[key] !== values[key];
        });
        if (changed.length === 0) return current;
        return Object.fromEntries(Object.entries(current).filter(([id]) => !changed.includes(id)));
      });
    },
    reset: (next: EventFormValues) => {
      setValues(next);
      setErrors({});
      setSummary([]);
    },
    showIssues: (issues: readonly ValidationIssue[]) => showErrors(errorsByField(issues)),
    /** Field errors of an API answer; false when the error is not about fields (the caller shows it). */
    showApiError: (error: unknown, slug: string): boolean => {
      if (isApiErrorCode(error, 'programme/slug-taken')) {
        showErrors({ 'event-slug': t('events.form.slugTaken', { slug }) });
        return true;
      }
      const issues = getValidationIssues(error);
      if (issues.length === 0) return false;
      showErrors(errorsByField(issues));
      return true;
    },
    clearErrors: () => {
      setErrors({});
      setSummary([]);
    },
  };
}
