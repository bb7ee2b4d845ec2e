import { emailSchema } from '@plenary/contracts';
import type { InvitationsRequest, Role, ValidationIssue } from '@plenary/contracts';
import type { TFunction } from 'i18next';

/** One person in the invitation form, as typed. `key` stays with the row when others are added or removed. */
export interface InviteeDraft {
  key: number;
  email: string;
  name: string;
  role: Role;
}

export type InviteeField = 'email' | 'name' | 'role';
export const INVITEE_FIELDS: readonly InviteeField[] = ['email', 'name', 'role'];
export type InviteeErrors = Partial<Record<InviteeField, string>>;

const NAME_MAX = 200;

/** The id of a row's control (the error summary links to it). */
export function inviteeFieldId(key: number, field: InviteeField): string {
  return `invitee-${key}-${field}`;
}

export function emptyInvitee(key: number, role: Role = 'attendee'): InviteeDraft {
  return { key, email: '', name: '', role };
}

function isBlank(draft: InviteeDraft): boolean {
  return draft.email.trim() === '' && draft.name.trim() === '';
}

/** The rows that will be sent: blank extra rows are left out, but a form of blank rows keeps its first. */
export function filledInvitees(drafts: readonly InviteeDraft[]): InviteeDraft[] {
  const filled = drafts.filter((draft) => !isBlank(draft));
  return filled.length > 0 ? filled : drafts.slice(0, 1);
}

export type InviteeValidation =
  | { success: true; request: InvitationsRequest }
  | { success: false; errors: ReadonlyMap<number, InviteeErrors> };

/** Checks the rows before sending: an e-mail address and a name each, no address twice. */
export function validateInvitees(
  drafts: readonly InviteeDraft[],
  t: TFunction<'organiser'>,
): InviteeValidation {
  const rows = filledInvitees(drafts);
  const errors = new Map<number, InviteeErrors>();
  const seen = new Set<string>();
  for (const draft of rows) {
    const rowErrors: InviteeErrors = {};
    const email = draft.email.trim().toLowerCase();
    if (email === '') rowErrors.email = t('invite.errors.emailRequired');
    else if (!emailSchema.safeParse(email).success) rowErrors.email = t('invite.errors.emailInvalid');
    else if (seen.has(email)) rowErrors.email = t('invite.errors.emailTwice');
    seen.add(email);
    const name = draft.name.trim();
    if (name === '') rowErrors.name = t('invite.errors.nameRequired');
    else if (name.length > NAME_MAX) rowErrors.name = t('invite.errors.nameTooLong', { max: NAME_MAX });
    if (Object.keys(rowErrors).length > 0) errors.set(draft.key, rowErrors);
  }
  if (errors.size > 0) return { success: false, errors };
  return {
    success: true,
    request: {
      invitations: rows.map(({ email, name, role }) => ({ email: email.trim(), name: name.trim(), role })),
    },
  };
}

/**
 * The API's issues (`invitations.2.email`) on the rows that were sent (`sent[2]`); issues that name no field
 * come back in `other`.
 */
export function mapInvitationIssues(
  issues: readonly ValidationIssue[],
  sent: readonly InviteeDraft[],
  t: TFunction<'organiser'>,
): { errors: ReadonlyMap<number, InviteeErrors>; other: string[] } {
  const errors = new Map<number, InviteeErrors>();
  const other: string[] = [];
  for (const issue of issues) {
    const [, index, field] = /^invitations\.(\d+)\.(\w+)$/.exec(issue.path) ?? [];
    const draft = index === undefined ? undefined : sent[Number(index)];
    if (draft && (INVITEE_FIELDS as readonly string[]).includes(field ?? '')) {
      const message = t('invite.errors.fromServer', {
        field: t(`invite.fields.${field as InviteeField}`),
        message: issue.message,
      });
      errors.set(draft.key, { ...errors.get(draft.key), [field as InviteeField]: message });
    } else other.push(issue.message);
  }
  return { errors, other };
}
