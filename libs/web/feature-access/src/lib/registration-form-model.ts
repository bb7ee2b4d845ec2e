import { registrationRequestSchema } from '@plenary/contracts';
import type { Attendance, RegistrationRequest, ValidationIssue } from '@plenary/contracts';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export interface RegistrationFormValues {
  name: string;
  email: string;
  organisation: string;
  jobTitle: string;
  country: string;
  attendance: Attendance | '';
  accessibilityNeeds: string;
  privacyNotice: boolean;
  photoRecording: boolean;
}

export type RegistrationField = keyof RegistrationFormValues;

/** The fields in the order the form shows them (and the error summary lists them). */
export const REGISTRATION_FIELDS: readonly RegistrationField[] = [
  'name',
  'email',
  'organisation',
  'jobTitle',
  'country',
  'attendance',
  'accessibilityNeeds',
  'privacyNotice',
  'photoRecording',
];

export const EMPTY_REGISTRATION: RegistrationFormValues = {
  name: '',
  email: '',
  organisation: '',
  jobTitle: '',
  country: '',
  attendance: '',
  accessibilityNeeds: '',
  privacyNotice: false,
  photoRecording: false,
};

/** The id of a field's control (the error summary links to it). */
export function registrationFieldId(field: RegistrationField): string {
  return `registration-${field}`;
}

/** The contract path of an issue (`consents.privacyNotice`) as a form field, if the form has one. */
export function toRegistrationField(path: string): RegistrationField | undefined {
  const field = path.startsWith('consents.') ? path.slice('consents.'.length) : path;
  return (REGISTRATION_FIELDS as readonly string[]).includes(field)
    ? (field as RegistrationField)
    : undefined;
}

/** The request body the form's values stand for (before validation). */
export function toRegistrationRequest(values: RegistrationFormValues): Record<string, unknown> {
  const accessibilityNeeds = values.accessibilityNeeds.trim();
  return {
    name: values.name,
    email: values.email,
    organisation: values.organisation,
    jobTitle: values.jobTitle,
    country: values.country,
    attendance: values.attendance === '' ? undefined : values.attendance,
    ...(accessibilityNeeds ? { accessibilityNeeds } : {}),
    consents: { privacyNotice: values.privacyNotice, photoRecording: values.photoRecording },
  };
}

export type FieldErrors = Partial<Record<RegistrationField, string>>;

export type RegistrationValidation =
  | { success: true; request: RegistrationRequest }
  | { success: false; errors: FieldErrors };

function clientMessage(
  field: RegistrationField,
  issue: z.core.$ZodIssue,
  values: RegistrationFormValues,
  t: TFunction<'access'>,
): string {
  if (issue.code === 'too_big') {
    return t('register.errors.tooLong', {
      field: t(`register.fields.${field}.label`),
      max: Number(issue.maximum),
    });
  }
  switch (field) {
    case 'email':
      return values.email.trim() === ''
        ? t('register.errors.email.required')
        : t('register.errors.email.invalid');
    case 'name':
    case 'organisation':
    case 'jobTitle':
    case 'country':
    case 'attendance':
    case 'privacyNotice':
      return t(`register.errors.${field}.required`);
    case 'accessibilityNeeds':
    case 'photoRecording':
      return t('register.errors.invalid', { field: t(`register.fields.${field}.label`) });
  }
}

/**
 * Checks the values with the contract's schema (the one the server uses) and returns the request to send, or
 * one translated message per field in error.
 */
export function validateRegistration(
  values: RegistrationFormValues,
  t: TFunction<'access'>,
): RegistrationValidation {
  const parsed = registrationRequestSchema.safeParse(toRegistrationRequest(values));
  if (parsed.success) return { success: true, request: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = toRegistrationField(issue.path.map(String).join('.'));
    if (field && !errors[field]) errors[field] = clientMessage(field, issue, values, t);
  }
  return { success: false, errors };
}

/**
 * The server's validation issues by field ("E-mail must be an e-mail address"); issues the form has no field
 * for come back in `other`.
 */
export function mapServerIssues(
  issues: readonly ValidationIssue[],
  t: TFunction<'access'>,
): { errors: FieldErrors; other: string[] } {
  const errors: FieldErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const field = toRegistrationField(issue.path);
    if (!field) {
      other.push(issue.message);
    } else if (!errors[field]) {
      errors[field] = t('register.errors.fromServer', {
        field: t(`register.fields.${field}.label`),
        message: issue.message,
      });
    }
  }
  return { errors, other };
}
