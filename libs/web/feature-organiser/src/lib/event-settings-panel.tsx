import { APPROVAL_MODES, eventSettingsSchema } from '@plenary/contracts';
import type { ApprovalMode, EventSettings } from '@plenary/contracts';
import { useEventSettings, useUpdateEventSettings } from '@plenary/web-data-access';
import { Button, CheckboxField, Notice, RadioGroup, Skeleton, TextField } from '@plenary/web-ui';
import { useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { describeError } from './describe-error';
import { useOrganiserTranslation } from './organiser-i18n';

/** The event's registration settings: approval mode and in-person capacity ("no limit" by default). */
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

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    const parsed = eventSettingsSchema.safeParse({
      approvalMode,
      inPersonCapacity: unlimited ? null : capacity.trim() === '' ? Number.NaN : Number(capacity),
    });
    if (!parsed.success) {
      setCapacityError(t('settings.capacity.invalid'));
      document.getElementById('settings-capacity')?.focus();
      return;
    }
    setCapacityError(null);
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
