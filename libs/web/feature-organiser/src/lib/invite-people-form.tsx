import { ROLES } from '@plenary/contracts';
import type { InvitationsResult, Role } from '@plenary/contracts';
import { getValidationIssues, isApiErrorCode, useInvitePeople } from '@plenary/web-data-access';
import { Button, ErrorSummary, Notice, SelectField, TextField } from '@plenary/web-ui';
import type { ErrorSummaryItem } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { describeError } from './describe-error';
import {
  INVITEE_FIELDS,
  emptyInvitee,
  filledInvitees,
  inviteeFieldId,
  mapInvitationIssues,
  validateInvitees,
} from './invite-people-model';
import type { InviteeDraft, InviteeErrors, InviteeField } from './invite-people-model';
import { useOrganiserTranslation } from './organiser-i18n';

/** What to focus after the next render: a row's e-mail field, the add button, or the outcome of a submit. */
type FocusTarget = { kind: 'row'; key: number } | { kind: 'add' } | { kind: 'outcome' } | null;

/**
 * Invite people one by one: an e-mail address, a name and a role per row, rows added and removed at will.
 * Checked before sending (errors on their fields and in a summary that takes focus); the API's answer is
 * announced as "3 invited".
 */
export function InvitePeopleForm({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const mutation = useInvitePeople(eventSlug);
  const nextKey = useRef(1);
  const [drafts, setDrafts] = useState<InviteeDraft[]>(() => [emptyInvitee(0)]);
  const [errors, setErrors] = useState<ReadonlyMap<number, InviteeErrors>>(new Map());
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [result, setResult] = useState<InvitationsResult | null>(null);
  const [focus, setFocus] = useState<FocusTarget>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // A second click may come before `isPending` is rendered: the ref makes sure the invitations go once.
  const sendingRef = useRef(false);

  useEffect(() => {
    if (!focus) return;
    if (focus.kind === 'row') document.getElementById(inviteeFieldId(focus.key, 'email'))?.focus();
    else if (focus.kind === 'add') addRef.current?.focus();
    else (summaryRef.current ?? outcomeRef.current)?.focus();
    setFocus(null);
  }, [focus]);

  const summaryItems: ErrorSummaryItem[] = [
    ...drafts.flatMap((draft, index) =>
      INVITEE_FIELDS.flatMap((field) => {
        const message = errors.get(draft.key)?.[field];
        return message
          ? [
              {
                fieldId: inviteeFieldId(draft.key, field),
                message: t('invite.errors.inRow', { row: index + 1, message }),
              },
            ]
          : [];
      }),
    ),
    ...otherErrors.map((message) => ({ message })),
  ];
  const failure = mutation.isError && summaryItems.length === 0 ? describeError(mutation.error, t) : null;
  const sendCount = filledInvitees(drafts).length;

  const clearOutcome = () => {
    setResult(null);
    if (!mutation.isPending) mutation.reset();
  };

  const updateDraft = (key: number, field: InviteeField, value: string) => {
    clearOutcome();
    setDrafts((previous) =>
      previous.map((draft) =>
        draft.key === key
          ? field === 'role'
            ? { ...draft, role: value as Role }
            : { ...draft, [field]: value }
          : draft,
      ),
    );
  };

  const handleAdd = () => {
    const key = nextKey.current++;
    // A new row starts with the role of the row above: lists are often all speakers, or all staff.
    setDrafts((previous) => [...previous, emptyInvitee(key, previous.at(-1)?.role)]);
    setFocus({ kind: 'row', key });
  };

  const handleRemove = (key: number) => {
    const index = drafts.findIndex((draft) => draft.key === key);
    const remaining = drafts.filter((draft) => draft.key !== key);
    setDrafts(remaining);
    setErrors((previous) => new Map([...previous].filter(([errorKey]) => errorKey !== key)));
    const next = remaining[index] ?? remaining[index - 1];
    setFocus(next ? { kind: 'row', key: next.key } : { kind: 'add' });
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (sendingRef.current) return;
    setResult(null);
    setOtherErrors([]);
    const validation = validateInvitees(drafts, t);
    if (!validation.success) {
      mutation.reset();
      setErrors(validation.errors);
      setFocus({ kind: 'outcome' });
      return;
    }
    setErrors(new Map());
    const sent = filledInvitees(drafts);
    sendingRef.current = true;
    mutation.mutate(validation.request, {
      onSettled: () => {
        sendingRef.current = false;
      },
      onSuccess: (answer) => {
        setResult(answer);
        const key = nextKey.current++;
        setDrafts([emptyInvitee(key)]);
        setFocus({ kind: 'outcome' });
      },
      onError: (error) => {
        if (isApiErrorCode(error, 'core/validation-failed')) {
          const mapped = mapInvitationIssues(getValidationIssues(error), sent, t);
          setErrors(mapped.errors);
          setOtherErrors(mapped.errors.size > 0 || mapped.other.length > 0 ? mapped.other : [error.message]);
        }
        setFocus({ kind: 'outcome' });
      },
    });
  };

  return (
    <form className="po-invite" noValidate onSubmit={handleSubmit} aria-labelledby="invite-title">
      {summaryItems.length > 0 && (
        <ErrorSummary ref={summaryRef} title={t('invite.errors.summaryTitle')} items={summaryItems} />
      )}
      {failure && (
        <Notice ref={outcomeRef} role="alert" tone="error" headingLevel={3} title={failure.title}>
          <p>{failure.message}</p>
        </Notice>
      )}
      {result && (
        <Notice
          ref={outcomeRef}
          role="status"
          tone="success"
          headingLevel={3}
          title={t('invite.done', { count: result.invited })}
          actions={
            <Button variant="quiet" onClick={() => setResult(null)}>
              {t('actions.dismiss')}
            </Button>
          }
        >
          <p>{t('invite.doneMessage')}</p>
        </Notice>
      )}

      <ol className="po-invitees">
        {drafts.map((draft, index) => (
          <InviteeRow
            key={draft.key}
            draft={draft}
            position={index + 1}
            errors={errors.get(draft.key)}
            removable={drafts.length > 1}
            disabled={mutation.isPending}
            onChange={updateDraft}
            onRemove={handleRemove}
          />
        ))}
      </ol>

      <div className="pl-form__actions">
        <Button ref={addRef} variant="secondary" onClick={handleAdd} disabled={mutation.isPending}>
          {t('invite.add')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('invite.sending') : t('invite.submit', { count: sendCount })}
        </Button>
      </div>
    </form>
  );
}

interface InviteeRowProps {
  draft: InviteeDraft;
  /** 1-based, for the row's legend ("Person 2"). */
  position: number;
  errors: InviteeErrors | undefined;
  removable: boolean;
  disabled: boolean;
  onChange: (key: number, field: InviteeField, value: string) => void;
  onRemove: (key: number) => void;
}

function InviteeRow({ draft, position, errors, removable, disabled, onChange, onRemove }: InviteeRowProps) {
  const { t } = useOrganiserTranslation();
  const handleChange = (field: InviteeField) => (change: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange(draft.key, field, change.target.value);

  return (
    <li className="po-invitee">
      <fieldset className="pl-fieldset po-invitee__fieldset">
        <legend className="po-invitee__legend">{t('invite.person', { position })}</legend>
        <div className="po-invitee__fields">
          <TextField
            id={inviteeFieldId(draft.key, 'email')}
            className="po-invitee__email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            label={t('invite.fields.email')}
            error={errors?.email}
            value={draft.email}
            onChange={handleChange('email')}
            disabled={disabled}
          />
          <TextField
            id={inviteeFieldId(draft.key, 'name')}
            className="po-invitee__name"
            autoComplete="off"
            label={t('invite.fields.name')}
            error={errors?.name}
            value={draft.name}
            onChange={handleChange('name')}
            disabled={disabled}
          />
          <SelectField
            id={inviteeFieldId(draft.key, 'role')}
            className="po-invitee__role"
            label={t('invite.fields.role')}
            error={errors?.role}
            value={draft.role}
            onChange={handleChange('role')}
            disabled={disabled}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </SelectField>
          {removable && (
            <Button
              variant="quiet"
              className="po-invitee__remove"
              onClick={() => onRemove(draft.key)}
              disabled={disabled}
              aria-label={t('invite.removeLabel', { position })}
            >
              {t('invite.remove')}
            </Button>
          )}
        </div>
      </fieldset>
    </li>
  );
}
