import type { ManagedEvent } from '@plenary/contracts';
import {
  conflictCurrentEvent,
  manageQueryKeys,
  useManagedEvent,
  useMe,
  useUpdateEvent,
} from '@plenary/web-data-access';
import { Button, ErrorSummary, Notice, Skeleton } from '@plenary/web-ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../describe-error';
import { OrganiserShell } from '../organiser-page';
import { useOrganiserTranslation } from '../organiser-i18n';
import { EventFormFields } from './event-form-fields';
import { formFromEvent, toUpdateRequest } from './event-form-model';
import type { EventFormValues } from './event-form-model';
import { EventLifecyclePanel } from './event-lifecycle-panel';
import { EventOrganisersPanel } from './event-organisers-panel';
import { useEventForm } from './use-event-form';

/** `/e/:slug/organiser/event`: the event's own settings — fields, page sections, status, duplicate, organisers. */
export function EventSettingsPage() {
  const { t } = useOrganiserTranslation();
  return (
    <OrganiserShell
      title={t('events.settings.title')}
      lead={t('events.settings.lead')}
      path="organiser/event"
    >
      {(event) => <EventSettingsContent slug={event.slug} />}
    </OrganiserShell>
  );
}

function EventSettingsContent({ slug }: { slug: string }) {
  const { t } = useOrganiserTranslation();
  const query = useManagedEvent(slug);
  const me = useMe();
  if (query.isPending) {
    return (
      <div role="status" aria-live="polite" className="po-skeleton-stack">
        <span className="pl-visually-hidden">{t('events.settings.loading')}</span>
        <Skeleton width="40%" />
        <Skeleton shape="block" width="100%" height="12rem" />
      </div>
    );
  }
  if (query.isError) {
    const failure = describeError(query.error, t);
    return (
      <Notice
        role="alert"
        tone="error"
        title={failure.title}
        actions={
          <Button variant="secondary" onClick={() => void query.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      >
        <p>{failure.message}</p>
      </Notice>
    );
  }
  // Keyed by the event's id: a duplicate or another event starts a fresh form.
  return <EventSettingsEditor key={query.data.id} initial={query.data} isAdmin={me.data?.isAdmin === true} />;
}

function EventSettingsEditor({ initial, isAdmin }: { initial: ManagedEvent; isAdmin: boolean }) {
  // The version this form edits: what it read, its own saves and status changes. Not the query cache, which a
  // refetch could move to someone else's version under the form (their changes would then be overwritten unseen).
  const [base, setBase] = useState(initial);
  const handleStatusChanged = (event: ManagedEvent) =>
    // Only our own change moved the version by one; otherwise someone else's edit is in it and a save must 412.
    setBase((current) =>
      event.version === current.version + 1
        ? { ...current, status: event.status, version: event.version }
        : { ...current, status: event.status },
    );
  return (
    <div className="po-event-settings">
      <EventLifecyclePanel event={base} onStatusChanged={handleStatusChanged} />
      <EventEditForm base={base} onSaved={setBase} />
      <EventOrganisersPanel slug={base.slug} isAdmin={isAdmin} />
    </div>
  );
}

function EventEditForm({ base, onSaved }: { base: ManagedEvent; onSaved: (event: ManagedEvent) => void }) {
  const { t } = useOrganiserTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateEvent(base.slug);
  const form = useEventForm(formFromEvent(base));
  const [saved, setSaved] = useState(false);
  const [nothingChanged, setNothingChanged] = useState(false);
  const [theirs, setTheirs] = useState<ManagedEvent | null>(null);

  const handleChange = (next: EventFormValues) => {
    form.setValues(next);
    setSaved(false);
    setNothingChanged(false);
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    setSaved(false);
    const check = toUpdateRequest(form.values, formFromEvent(base));
    if (check === null) {
      setNothingChanged(true);
      return;
    }
    if (!check.ok) {
      form.showIssues(check.issues);
      return;
    }
    form.clearErrors();
    update.mutate(
      { version: base.version, changes: check.request },
      {
        onSuccess: (event) => {
          onSaved(event);
          form.reset(formFromEvent(event));
          setSaved(true);
          setTheirs(null);
          // A new slug: this page moves with it (the old address keeps redirecting).
          if (event.slug !== base.slug) void navigate(`/e/${event.slug}/organiser/event`, { replace: true });
        },
        onError: (error) => {
          const current = conflictCurrentEvent(error);
          if (current) {
            setTheirs(current);
            return;
          }
          form.showApiError(error, form.values.slug);
        },
      },
    );
  };

  const handleReloadTheirs = () => {
    if (!theirs) return;
    queryClient.setQueryData(manageQueryKeys.event(theirs.slug), theirs);
    onSaved(theirs);
    form.reset(formFromEvent(theirs));
    setTheirs(null);
    update.reset();
  };

  const fieldErrorsShown = form.summary.length > 0;
  const failure = update.isError && !theirs && !fieldErrorsShown ? describeError(update.error, t) : null;

  return (
    <section className="po-panel" aria-labelledby="event-edit-title">
      <h2 id="event-edit-title" className="po-panel__title">
        {t('events.settings.detailsTitle')}
      </h2>
      <form className="po-event-form" noValidate onSubmit={handleSubmit}>
        {fieldErrorsShown && (
          <ErrorSummary ref={form.summaryRef} title={t('events.form.errorSummary')} items={form.summary} />
        )}
        <EventFormFields
          values={form.values}
          onChange={handleChange}
          errors={form.errors}
          mode="edit"
          savedSlug={base.slug}
          descriptionHtml={base.descriptionHtml}
        />
        {theirs && <ConflictNotice mine={form.values} theirs={theirs} onReload={handleReloadTheirs} />}
        {failure && (
          <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
            <p>{failure.message}</p>
          </Notice>
        )}
        <div className="pl-form__actions po-event-form__actions">
          <Button type="submit" disabled={update.isPending || theirs !== null}>
            {update.isPending ? t('events.settings.saving') : t('events.settings.save')}
          </Button>
          <p role="status" className="po-saved">
            {saved ? t('events.settings.saved') : nothingChanged ? t('events.settings.nothingChanged') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}

/** What to show of a field's value in the conflict notice. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '—' : `${value.length}`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === '') return '—';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * Someone saved first (412): their values where they differ from this form, and the one way on — reload their
 * version (then apply one's change again). Never a silent overwrite.
 */
function ConflictNotice({
  mine,
  theirs,
  onReload,
}: {
  mine: EventFormValues;
  theirs: ManagedEvent;
  onReload: () => void;
}) {
  const { t } = useOrganiserTranslation();
  const theirValues = formFromEvent(theirs);
  const differing = (Object.keys(theirValues) as Array<keyof EventFormValues>).filter(
    (key) => JSON.stringify(theirValues[key]) !== JSON.stringify(mine[key]),
  );
  return (
    <Notice
      role="alert"
      tone="warning"
      headingLevel={3}
      title={t('events.conflict.title')}
      actions={<Button onClick={onReload}>{t('events.conflict.reload')}</Button>}
    >
      <p>{t('events.conflict.message')}</p>
      {differing.length > 0 && (
        <dl className="po-conflict-list">
          {differing.map((key) => (
            <div key={key}>
              <dt>{t(`events.fieldNames.${key}`)}</dt>
              <dd>{shown(theirValues[key])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Notice>
  );
}
