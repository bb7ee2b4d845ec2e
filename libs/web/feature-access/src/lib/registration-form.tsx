import { ATTENDANCE_MODES } from '@plenary/contracts';
import type { Attendance, EventDetail, MyRegistration } from '@plenary/contracts';
import {
  getValidationIssues,
  isApiErrorCode,
  useCreateRegistration,
  useSaveMyRegistration,
} from '@plenary/web-data-access';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '@plenary/web-ui';
import type { ErrorSummaryItem } from '@plenary/web-ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { Trans } from 'react-i18next';
import { Link } from 'react-router';
import { useAccessTranslation, useFormatLocale } from './access-i18n';
import { describeApiError, isRateLimited } from './api-error-message';
import { listCountries } from './countries';
import {
  EMPTY_REGISTRATION,
  REGISTRATION_FIELDS,
  mapServerIssues,
  registrationFieldId,
  validateRegistration,
} from './registration-form-model';
import type { FieldErrors, RegistrationField, RegistrationFormValues } from './registration-form-model';

/** The signed-in person the form saves for: their address is fixed, their registration (if any) prefilled. */
export interface SignedInRegistrant {
  name: string;
  email: string;
  registration: MyRegistration | null;
}

export interface RegistrationFormProps {
  event: EventDetail;
  /** Called with the e-mail address once the server has accepted the registration (public form). */
  onRegistered?: (email: string) => void;
  /** Signed in: the form registers this person or changes their registration, and calls `onSaved`. */
  signedIn?: SignedInRegistrant;
  onSaved?: (registration: MyRegistration) => void;
}

function initialValues(modes: readonly Attendance[], signedIn?: SignedInRegistrant): RegistrationFormValues {
  const registration = signedIn?.registration;
  if (registration) {
    return {
      name: registration.name,
      email: registration.email,
      organisation: registration.organisation,
      jobTitle: registration.jobTitle,
      country: registration.country,
      attendance: registration.attendance,
      accessibilityNeeds: registration.accessibilityNeeds ?? '',
      // Saving again confirms the notice; the person sees the box ticked as they accepted it.
      privacyNotice: true,
      photoRecording: registration.consents.photoRecording,
    };
  }
  return {
    ...EMPTY_REGISTRATION,
    ...(signedIn ? { name: signedIn.name, email: signedIn.email } : {}),
    attendance: modes.length === 1 ? (modes[0] ?? '') : '',
  };
}

/** Attendance modes the event offers: an online event has no seats. */
function attendanceModes(event: EventDetail): readonly Attendance[] {
  return event.format === 'online' ? ['remote'] : ATTENDANCE_MODES;
}

/**
 * The registration form: validated with the contract's schema before sending, the server's per-field issues
 * shown on their fields, and focus moved to the error summary whenever a submit fails.
 */
export function RegistrationForm({ event, onRegistered, signedIn, onSaved }: RegistrationFormProps) {
  const { t } = useAccessTranslation();
  const locale = useFormatLocale();
  const modes = attendanceModes(event);
  const [values, setValues] = useState<RegistrationFormValues>(() => initialValues(modes, signedIn));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const create = useCreateRegistration(event.slug);
  const save = useSaveMyRegistration(event.slug);
  const mutation = signedIn ? save : create;
  const countries = useMemo(() => listCountries(locale), [locale]);

  const summaryItems: ErrorSummaryItem[] = [
    ...REGISTRATION_FIELDS.flatMap((field) => {
      const message = errors[field];
      return message ? [{ fieldId: registrationFieldId(field), message }] : [];
    }),
    ...otherErrors.map((message) => ({ message })),
  ];
  const requestFailed = mutation.isError && summaryItems.length === 0;

  // After a failed submit, move focus to what explains it: the error summary, or the failure notice.
  useEffect(() => {
    if (focusRequest === 0) return;
    (summaryRef.current ?? failureRef.current)?.focus();
  }, [focusRequest]);

  const setValue = <Field extends RegistrationField>(field: Field, value: RegistrationFormValues[Field]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
  };

  const handleTextChange =
    (field: 'name' | 'email' | 'organisation' | 'jobTitle' | 'accessibilityNeeds') =>
    (change: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValue(field, change.target.value);

  const handleCheckboxChange =
    (field: 'privacyNotice' | 'photoRecording') => (change: ChangeEvent<HTMLInputElement>) =>
      setValue(field, change.target.checked);

  const handleCountryChange = (change: ChangeEvent<HTMLSelectElement>) =>
    setValue('country', change.target.value);

  const handleAttendanceChange = (attendance: Attendance) => setValue('attendance', attendance);

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (mutation.isPending) return;
    const validation = validateRegistration(values, t);
    setOtherErrors([]);
    if (!validation.success) {
      mutation.reset();
      setErrors(validation.errors);
      setFocusRequest((count) => count + 1);
      return;
    }
    setErrors({});
    const onError = (error: Error) => {
      if (isApiErrorCode(error, 'core/validation-failed')) {
        const mapped = mapServerIssues(getValidationIssues(error), t);
        const hasIssues = Object.keys(mapped.errors).length > 0 || mapped.other.length > 0;
        setErrors(mapped.errors);
        setOtherErrors(hasIssues ? mapped.other : [error.message]);
      }
      setFocusRequest((count) => count + 1);
    };
    if (signedIn) {
      const { email: _email, ...own } = validation.request;
      save.mutate(own, { onSuccess: (registration) => onSaved?.(registration), onError });
    } else {
      create.mutate(validation.request, {
        onSuccess: () => onRegistered?.(validation.request.email),
        onError,
      });
    }
  };

  const failure = requestFailed ? describeApiError(mutation.error, t) : null;

  return (
    <form className="pl-form pa-registration-form" noValidate onSubmit={handleSubmit}>
      {summaryItems.length > 0 && (
        <ErrorSummary ref={summaryRef} title={t('register.errors.summaryTitle')} items={summaryItems} />
      )}
      {failure && (
        <Notice
          ref={failureRef}
          tone={isRateLimited(mutation.error) ? 'warning' : 'error'}
          title={
            isApiErrorCode(mutation.error, 'programme/event-not-found')
              ? t('register.errors.closedTitle')
              : failure.title
          }
          role="alert"
        >
          <p>
            {isApiErrorCode(mutation.error, 'programme/event-not-found')
              ? t('register.errors.closedMessage')
              : failure.message}
          </p>
        </Notice>
      )}

      <fieldset className="pl-fieldset pa-form-section">
        <legend className="pa-form-section__title">{t('register.sections.you')}</legend>
        <TextField
          id={registrationFieldId('name')}
          label={t('register.fields.name.label')}
          hint={t('register.fields.name.hint')}
          error={errors.name}
          value={values.name}
          onChange={handleTextChange('name')}
          autoComplete="name"
          maxLength={200}
        />
        <TextField
          id={registrationFieldId('email')}
          type="email"
          label={t('register.fields.email.label')}
          hint={signedIn ? t('register.fields.email.signedInHint') : t('register.fields.email.hint')}
          readOnly={Boolean(signedIn)}
          error={errors.email}
          value={values.email}
          onChange={handleTextChange('email')}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
        />
        <TextField
          id={registrationFieldId('organisation')}
          label={t('register.fields.organisation.label')}
          error={errors.organisation}
          value={values.organisation}
          onChange={handleTextChange('organisation')}
          autoComplete="organization"
          maxLength={200}
        />
        <TextField
          id={registrationFieldId('jobTitle')}
          label={t('register.fields.jobTitle.label')}
          error={errors.jobTitle}
          value={values.jobTitle}
          onChange={handleTextChange('jobTitle')}
          autoComplete="organization-title"
          maxLength={200}
        />
        <SelectField
          id={registrationFieldId('country')}
          label={t('register.fields.country.label')}
          hint={t('register.fields.country.hint')}
          error={errors.country}
          value={values.country}
          onChange={handleCountryChange}
          autoComplete="country"
        >
          <option value="">{t('register.fields.country.placeholder')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
      </fieldset>

      <fieldset className="pl-fieldset pa-form-section">
        <legend className="pa-form-section__title">{t('register.sections.participation')}</legend>
        <RadioGroup
          id={registrationFieldId('attendance')}
          name="attendance"
          legend={t('register.fields.attendance.label')}
          error={errors.attendance}
          value={values.attendance === '' ? undefined : values.attendance}
          onChange={handleAttendanceChange}
          options={modes.map((mode) => ({
            value: mode,
            label: t(`attendance.${mode}`),
            description: t(`register.fields.attendance.${mode}`, { city: event.venue.city }),
          }))}
        />
        <TextAreaField
          id={registrationFieldId('accessibilityNeeds')}
          label={t('register.fields.accessibilityNeeds.label')}
          optionalLabel={t('register.optional')}
          hint={t('register.fields.accessibilityNeeds.hint')}
          error={errors.accessibilityNeeds}
          value={values.accessibilityNeeds}
          onChange={handleTextChange('accessibilityNeeds')}
          maxLength={1000}
          rows={3}
        />
      </fieldset>

      <fieldset className="pl-fieldset pa-form-section">
        <legend className="pa-form-section__title">{t('register.sections.consents')}</legend>
        <CheckboxField
          id={registrationFieldId('privacyNotice')}
          label={
            <Trans
              t={t}
              i18nKey="register.fields.privacyNotice.statement"
              components={{
                notice: <Link to={`/e/${event.slug}/privacy`} target="_blank" rel="noopener" />,
              }}
            />
          }
          hint={t('register.fields.privacyNotice.hint')}
          error={errors.privacyNotice}
          checked={values.privacyNotice}
          onChange={handleCheckboxChange('privacyNotice')}
        />
        <CheckboxField
          id={registrationFieldId('photoRecording')}
          label={t('register.fields.photoRecording.statement')}
          hint={t('register.fields.photoRecording.hint')}
          error={errors.photoRecording}
          checked={values.photoRecording}
          onChange={handleCheckboxChange('photoRecording')}
        />
      </fieldset>

      <div className="pl-form__actions">
        <Button type="submit" size="lg" disabled={mutation.isPending} aria-disabled={mutation.isPending}>
          {mutation.isPending
            ? t('register.submitting')
            : signedIn?.registration
              ? t('register.mine.save')
              : t('register.submit')}
        </Button>
      </div>
    </form>
  );
}
