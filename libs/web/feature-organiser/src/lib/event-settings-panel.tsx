import { APPROVAL_MODES, eventSettingsSchema } from '@plenary/contracts';
import type { ApprovalMode, EventSettings } from '@plenary/contracts';
import { useEvent, useEventSettings, useUpdateEventSettings } from '@plenary/web-data-access';
import { Button, CheckboxField, Notice, RadioGroup, Skeleton, TextField, classNames } from '@plenary/web-ui';
import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { describeError } from './describe-error';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

const RETENTION_MIN = 1;
const RETENTION_MAX = 3650;

/** The day `days` after a calendar date (`YYYY-MM-DD`), as a date for formatting in UTC. */
function addDays(date: string, days: number): Date {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days));
}

/**
 * The event's registration settings: approval mode, in-person capacity ("no limit" by default) and how long
 * personal data is kept after the event.
 */
export function EventSettingsPanel({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const query = useEventSettings(eventSlug);
  return (
    <section className="po-settings" aria-labelledby="settings-title">
      <h2 id="settings-title" className="po-panel__title">
        {t('settings.title')}
      </h2>
      {query.data ? (
        <EventSettingsForm eventSlug={eventSlug} settings={query.data} />
      ) : query.isError ? (
        <Notice
          role="alert"
          tone="error"
          headingLevel={3}
          title={describeError(query.error, t).title}
          actions={
            <Button variant="secondary" onClick={() => void query.refetch()}>
              {t('actions.retry')}
            </Button>
          }
        >
          <p>{describeError(query.error, t).message}</p>
        </Notice>
      ) : (
        <div role="status" aria-live="polite" className="po-skeleton-stack">
          <span className="pl-visually-hidden">{t('settings.loading')}</span>
          <Skeleton width="60%" />
          <Skeleton width="80%" />
          <Skeleton width="40%" />
        </div>
      )}
    </section>
  );
}

function EventSettingsForm({ eventSlug, settings }: { eventSlug: string; settings: EventSettings }) {
  const { t } = useOrganiserTranslation();
  const mutation = useUpdateEventSettings(eventSlug);
  const [approvalMode, setApprovalMode] = useState<ApprovalMode>(settings.approvalMode);
  const [unlimited, setUnlimited] = useState(settings.inPersonCapacity === null);
  const [capacity, setCapacity] = useState(String(settings.inPersonCapacity ?? ''));
  const [capacityError, setCapacityError] = useState<string | null>(null);
  const [retention, setRetention] = useState(String(settings.retentionDays ?? ''));
  const [retentionError, setRetentionError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const handleApprovalModeChange = (mode: ApprovalMode) => {
    setApprovalMode(mode);
    setSaved(false);
  };
  const handleUnlimitedChange = (change: ChangeEvent<HTMLInputElement>) => {
    setUnlimited(change.target.checked);
    setSaved(false);
  };
  const handleCapacityChange = (change: ChangeEvent<HTMLInputElement>) => {
    setCapacity(change.target.value);
    setSaved(false);
  };

  const handleRetentionChange = (change: ChangeEvent<HTMLInputElement>) => {
    setRetention(change.target.value);
    setSaved(false);
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));
    // An empty retention field on a server that sent none leaves the server's value alone.
    const retentionDays =
      retention.trim() === '' && settings.retentionDays === undefined ? undefined : toNumber(retention);
    const parsed = eventSettingsSchema.safeParse({
      approvalMode,
      inPersonCapacity: unlimited ? null : toNumber(capacity),
      retentionDays,
    });
    if (!parsed.success) {
      const invalid = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      setCapacityError(invalid.has('inPersonCapacity') ? t('settings.capacity.invalid') : null);
      const numbers = new Intl.NumberFormat(t('intlLocale'));
      const formatNumber = (value: number) => numbers.format(value);
      setRetentionError(
        invalid.has('retentionDays')
          ? t('settings.retention.invalid', {
              min: formatNumber(RETENTION_MIN),
              max: formatNumber(RETENTION_MAX),
            })
          : null,
      );
      const first = invalid.has('inPersonCapacity') ? 'settings-capacity' : 'settings-retention';
      document.getElementById(first)?.focus();
      return;
    }
    setCapacityError(null);
    setRetentionError(null);
    mutation.mutate(parsed.data, { onSuccess: () => setSaved(true) });
  };

  const failure = mutation.isError ? describeError(mutation.error, t) : null;

  return (
    <form className="po-settings__form" noValidate onSubmit={handleSubmit}>
      <RadioGroup
        id="settings-approval-mode"
        name="approvalMode"
        legend={t('settings.approvalMode.label')}
        value={approvalMode}
        onChange={handleApprovalModeChange}
        options={APPROVAL_MODES.map((mode) => ({
          value: mode,
          label: t(`settings.approvalMode.${mode}.label`),
          description: t(`settings.approvalMode.${mode}.description`),
        }))}
      />
      <fieldset className="pl-fieldset po-capacity">
        <legend className="pl-field__label">{t('settings.capacity.label')}</legend>
        <p className="pl-field__hint">{t('settings.capacity.hint')}</p>
        <CheckboxField
          id="settings-unlimited"
          label={t('settings.capacity.unlimited')}
          checked={unlimited}
          onChange={handleUnlimitedChange}
        />
        {!unlimited && (
          <TextField
            id="settings-capacity"
            className="po-capacity__seats"
            type="number"
            min={0}
            max={1_000_000}
            step={1}
            inputMode="numeric"
            label={t('settings.capacity.seats')}
            error={capacityError ?? undefined}
            value={capacity}
            onChange={handleCapacityChange}
          />
        )}
      </fieldset>
      <RetentionField
        eventSlug={eventSlug}
        value={retention}
        error={retentionError}
        onChange={handleRetentionChange}
      />
      {failure && (
        <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
          <p>{failure.message}</p>
        </Notice>
      )}
      <div className="pl-form__actions">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('settings.saving') : t('settings.save')}
        </Button>
        <p role="status" className="po-saved">
          {saved ? t('settings.saved') : ''}
        </p>
      </div>
    </form>
  );
}

interface RetentionFieldProps {
  eventSlug: string;
  value: string;
  error: string | null;
  onChange: (change: ChangeEvent<HTMLInputElement>) => void;
}

/** "Delete personal data [N] days after the event", with the date that works out to once the event is known. */
function RetentionField({ eventSlug, value, error, onChange }: RetentionFieldProps) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  // The console's page has loaded the event; this reads its cache.
  const endDate = useEvent(eventSlug).data?.endDate;
  const days = Number(value);
  const valid =
    value.trim() !== '' && Number.isInteger(days) && days >= RETENTION_MIN && days <= RETENTION_MAX;
  const id = 'settings-retention';
  const describedBy = [`${id}-unit`, `${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');

  return (
    <div className={classNames('pl-field', 'po-retention', error !== null && 'pl-field--invalid')}>
      <label htmlFor={id} className="pl-field__label">
        {t('settings.retention.label')}
      </label>
      <p id={`${id}-hint`} className="pl-field__hint">
        {t('settings.retention.hint')}
      </p>
      {error && (
        <p id={`${id}-error`} className="pl-field__error">
          {error}
        </p>
      )}
      <div className="po-retention__control">
        <input
          id={id}
          className="pl-input"
          type="number"
          inputMode="numeric"
          min={RETENTION_MIN}
          max={RETENTION_MAX}
          step={1}
          value={value}
          onChange={onChange}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <span id={`${id}-unit`} className="po-retention__unit">
          {t('settings.retention.unit')}
        </span>
      </div>
      {endDate && valid && (
        <p className="pl-field__hint">
          {t('settings.retention.on', {
            date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
              addDays(endDate, days),
            ),
          })}
        </p>
      )}
    </div>
  );
}
