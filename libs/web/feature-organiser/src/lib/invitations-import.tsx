import { ROLES } from '@plenary/contracts';
import type { InvitationsResult } from '@plenary/contracts';
import {
  INVITATIONS_IMPORT_MAX_CHARS,
  INVITATIONS_IMPORT_MAX_ROWS,
  getImportRowErrors,
  getValidationIssues,
  isApiErrorCode,
  useImportInvitations,
} from '@plenary/web-data-access';
import { Button, Notice, classNames } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent, Ref } from 'react';
import { readFileText, summariseCsv } from './csv-file';
import { describeError } from './describe-error';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

/** A file read in the browser, ready to send. */
interface PickedFile {
  name: string;
  text: string;
  rows: number;
}

const EXAMPLE = ['email,name,role', 'ada@example.org,Ada Muster,speaker', 'li@example.org,Li Wei,attendee'];
const FILE_ID = 'invitations-file';

/**
 * Invite people from a CSV file (`email,name,role`): the file is read in the browser and its name and row count
 * shown before anything is sent; then the number invited, or every refused row with its number (in which case
 * the API imported nothing).
 */
export function InvitationsImport({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const formatNumber = (value: number) => new Intl.NumberFormat(locale).format(value);
  const mutation = useImportInvitations(eventSlug);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [result, setResult] = useState<{ fileName: string; answer: InvitationsResult } | null>(null);
  /** The file of the last attempt, named in its outcome. */
  const [sentName, setSentName] = useState('');
  const [focusOutcome, setFocusOutcome] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // A second click may come before `isPending` is rendered: the ref makes sure the file goes once.
  const sendingRef = useRef(false);

  useEffect(() => {
    if (focusOutcome > 0) outcomeRef.current?.focus();
  }, [focusOutcome]);

  const handleFileChange = async (change: ChangeEvent<HTMLInputElement>) => {
    const file = change.target.files?.[0];
    mutation.reset();
    setResult(null);
    setPicked(null);
    setFileError(null);
    if (!file) return;
    if (file.size > INVITATIONS_IMPORT_MAX_CHARS) {
      setFileError(t('import.errors.tooLarge'));
      return;
    }
    setReading(true);
    try {
      const text = await readFileText(file);
      const { columns, rows } = summariseCsv(text);
      if (text.length > INVITATIONS_IMPORT_MAX_CHARS) setFileError(t('import.errors.tooLarge'));
      else if (!columns.includes('email') || !columns.includes('name'))
        setFileError(t('import.errors.header'));
      else if (rows === 0) setFileError(t('import.errors.noRows'));
      else if (rows > INVITATIONS_IMPORT_MAX_ROWS)
        setFileError(
          t('import.errors.tooManyRows', {
            rows: formatNumber(rows),
            max: formatNumber(INVITATIONS_IMPORT_MAX_ROWS),
          }),
        );
      else setPicked({ name: file.name, text, rows });
    } catch {
      setFileError(t('import.errors.unreadable'));
    } finally {
      setReading(false);
    }
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (!picked || sendingRef.current) return;
    const clearFile = () => {
      setPicked(null);
      // Lets the same (corrected) file be chosen again: an unchanged input fires no change event.
      if (inputRef.current) inputRef.current.value = '';
    };
    setSentName(picked.name);
    sendingRef.current = true;
    mutation.mutate(picked.text, {
      onSettled: () => {
        sendingRef.current = false;
      },
      onSuccess: (answer) => {
        setResult({ fileName: picked.name, answer });
        clearFile();
        setFocusOutcome((count) => count + 1);
      },
      onError: (error) => {
        // A refused file must be corrected before it is worth sending again; a lost connection need not be.
        if (isApiErrorCode(error, 'core/validation-failed')) clearFile();
        setFocusOutcome((count) => count + 1);
      },
    });
  };

  const rowErrors = getImportRowErrors(mutation.error);

  return (
    <form className="po-import" noValidate onSubmit={handleSubmit} aria-labelledby="import-title">
      <h3 id="import-title" className="po-subtitle">
        {t('import.title')}
      </h3>
      <div className="po-import__note" id={`${FILE_ID}-hint`}>
        <p>
          {t('import.columns', { roles: ROLES.join(', '), max: formatNumber(INVITATIONS_IMPORT_MAX_ROWS) })}
        </p>
        <p className="po-import__example-label">{t('import.example')}</p>
        <pre className="po-import__example">
          <code>{EXAMPLE.join('\n')}</code>
        </pre>
      </div>

      <div className={classNames('pl-field', fileError !== null && 'pl-field--invalid')}>
        <label htmlFor={FILE_ID} className="pl-field__label">
          {t('import.file')}
        </label>
        {fileError && (
          <p id={`${FILE_ID}-error`} className="pl-field__error">
            {fileError}
          </p>
        )}
        <input
          ref={inputRef}
          id={FILE_ID}
          type="file"
          accept=".csv,text/csv"
          className="po-import__file"
          aria-describedby={fileError ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
          aria-invalid={fileError ? true : undefined}
          onChange={(change) => void handleFileChange(change)}
          disabled={mutation.isPending}
        />
      </div>

      <p className="po-import__picked" role="status">
        {reading
          ? t('import.reading')
          : picked
            ? t('import.picked', { name: picked.name, count: picked.rows })
            : ''}
      </p>

      {picked && (
        <div className="pl-form__actions">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? t('import.importing') : t('import.submit', { count: picked.rows })}
          </Button>
        </div>
      )}

      {result && (
        <Notice
          ref={outcomeRef}
          role="status"
          tone="success"
          headingLevel={3}
          title={t('invite.done', { count: result.answer.invited })}
          actions={
            <Button variant="quiet" onClick={() => setResult(null)}>
              {t('actions.dismiss')}
            </Button>
          }
        >
          <p>{t('import.doneMessage', { name: result.fileName })}</p>
        </Notice>
      )}

      {mutation.isError && (
        <ImportFailure error={mutation.error} fileName={sentName} rowErrors={rowErrors} ref={outcomeRef} />
      )}
    </form>
  );
}

interface ImportFailureProps {
  error: Error;
  fileName: string;
  rowErrors: ReturnType<typeof getImportRowErrors>;
  ref: Ref<HTMLDivElement>;
}

/** Why nothing was imported: every refused row with its number, a file-level problem, or the request's failure. */
function ImportFailure({ error, fileName, rowErrors, ref }: ImportFailureProps) {
  const { t } = useOrganiserTranslation();
  if (rowErrors.length > 0) {
    return (
      <Notice
        ref={ref}
        role="alert"
        tone="error"
        headingLevel={3}
        title={t('import.rowErrors.title', { count: rowErrors.length, name: fileName })}
      >
        <p>{t('import.rowErrors.message')}</p>
        <ul className="po-import__row-errors">
          {rowErrors.map(({ row, message }) => (
            <li key={`${row}-${message}`}>
              <strong>{t('import.rowErrors.row', { row })}</strong> {message}
            </li>
          ))}
        </ul>
      </Notice>
    );
  }
  if (isApiErrorCode(error, 'core/payload-too-large')) {
    return (
      <Notice ref={ref} role="alert" tone="error" headingLevel={3} title={t('import.failedTitle')}>
        <p>{t('import.errors.tooLargeToSend')}</p>
      </Notice>
    );
  }
  if (isApiErrorCode(error, 'core/validation-failed')) {
    const issues = getValidationIssues(error);
    return (
      <Notice ref={ref} role="alert" tone="error" headingLevel={3} title={t('import.failedTitle')}>
        <p>{error.message}</p>
        {issues.length > 0 && (
          <ul className="po-import__row-errors">
            {issues.map((issue) => (
              <li key={`${issue.path}-${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        )}
      </Notice>
    );
  }
  const failure = describeError(error, t);
  return (
    <Notice ref={ref} role="alert" tone="error" headingLevel={3} title={failure.title}>
      <p>{failure.message}</p>
    </Notice>
  );
}
