import { duplicateEventRequestSchema } from '@plenary/contracts';
import type { EventStatus, ManagedEvent } from '@plenary/contracts';
import {
  getValidationIssues,
  isApiErrorCode,
  useChangeEventStatus,
  useDuplicateEvent,
} from '@plenary/web-data-access';
import { Button, Notice, TextField } from '@plenary/web-ui';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../describe-error';
import { useOrganiserTranslation } from '../organiser-i18n';
import { EventStatusBadge } from './event-status-badge';
import { slugIssue } from './event-form-model';

/** The transitions offered from each status (the server has the last word: e.g. back to draft once people registered). */
const TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ['published'],
  published: ['draft', 'archived'],
  archived: ['published'],
};

/** Status with Publish / Back to draft / Archive, and "Duplicate event" into a new draft edition. */
export function EventLifecyclePanel({
  event,
  onStatusChanged,
}: {
  event: ManagedEvent;
  onStatusChanged: (event: ManagedEvent) => void;
}) {
  const { t } = useOrganiserTranslation();
  const change = useChangeEventStatus(event.slug);
  const failure = change.isError ? describeError(change.error, t) : null;

  return (
    <section className="po-panel" aria-labelledby="event-status-title">
      <h2 id="event-status-title" className="po-panel__title">
        {t('events.lifecycle.title')}
      </h2>
      <p className="po-lifecycle__status">
        {t('events.lifecycle.now')} <EventStatusBadge status={event.status} />
      </p>
      <p className="pl-field__hint">{t(`events.lifecycle.explain.${event.status}`)}</p>
      <div className="po-lifecycle__actions">
        {TRANSITIONS[event.status].map((status) => (
          <Button
            key={status}
            variant={status === 'published' ? 'primary' : 'secondary'}
            disabled={change.isPending}
            onClick={() => change.mutate(status, { onSuccess: onStatusChanged })}
          >
            {t(`events.lifecycle.to.${status}`)}
          </Button>
        ))}
      </div>
      {failure && (
        <Notice role="alert" tone="error" headingLevel={3} title={t('events.lifecycle.refused')}>
          <p>{failure.message}</p>
        </Notice>
      )}
      {change.isSuccess && !change.isPending && (
        <p role="status" className="po-saved">
          {t(`events.lifecycle.done.${event.status}`)}
        </p>
      )}
      <DuplicateEventForm event={event} />
    </section>
  );
}

function DuplicateEventForm({ event }: { event: ManagedEvent }) {
  const { t } = useOrganiserTranslation();
  const navigate = useNavigate();
  const duplicate = useDuplicateEvent(event.slug);
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [startDate, setStartDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (!open) {
    return (
      <div className="po-lifecycle__duplicate">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('events.duplicate.open')}
        </Button>
      </div>
    );
  }

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    const parsed = duplicateEventRequestSchema.safeParse({ slug, name, startDate });
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        found[String(issue.path[0])] ??= t(
          `events.duplicate.invalid.${String(issue.path[0]) as 'slug' | 'name' | 'startDate'}`,
        );
      setErrors(found);
      return;
    }
    setErrors({});
    duplicate.mutate(parsed.data, {
      onSuccess: (copy) => void navigate(`/e/${copy.slug}/organiser/event`),
      onError: (error) => {
        if (isApiErrorCode(error, 'programme/slug-taken'))
          setErrors({ slug: t('events.form.slugTaken', { slug }) });
        else {
          const found: Record<string, string> = {};
          for (const issue of getValidationIssues(error)) found[issue.path] ??= issue.message;
          setErrors(found);
        }
      },
    });
  };
  const failure =
    duplicate.isError && Object.keys(errors).length === 0 ? describeError(duplicate.error, t) : null;

  return (
    <form className="po-duplicate" noValidate onSubmit={handleSubmit} aria-labelledby="duplicate-title">
      <h3 id="duplicate-title" className="po-duplicate__title">
        {t('events.duplicate.title')}
      </h3>
      <p className="pl-field__hint">{t('events.duplicate.lead')}</p>
      <TextField
        id="duplicate-name"
        label={t('events.duplicate.name')}
        value={name}
        error={errors['name']}
        onChange={(change) => setName(change.target.value)}
      />
      <TextField
        id="duplicate-slug"
        label={t('events.duplicate.slug')}
        value={slug}
        error={errors['slug'] ?? slugIssue(slug) ?? undefined}
        spellCheck={false}
        onChange={(change) => setSlug(change.target.value)}
      />
      <TextField
        id="duplicate-startDate"
        type="date"
        label={t('events.duplicate.startDate')}
        hint={t('events.duplicate.startDateHint')}
        value={startDate}
        error={errors['startDate']}
        onChange={(change) => setStartDate(change.target.value)}
      />
      {failure && (
        <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
          <p>{failure.message}</p>
        </Notice>
      )}
      <div className="pl-form__actions">
        <Button type="submit" disabled={duplicate.isPending}>
          {duplicate.isPending ? t('events.duplicate.creating') : t('events.duplicate.submit')}
        </Button>
        <Button variant="quiet" onClick={() => setOpen(false)}>
          {t('events.duplicate.cancel')}
        </Button>
      </div>
    </form>
  );
}
