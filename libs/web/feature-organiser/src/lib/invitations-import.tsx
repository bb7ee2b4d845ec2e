import { ROLES } from '@plenary/contracts';
import type { ImportProgress } from '@plenary/contracts';
import {
  INVITATIONS_IMPORT_MAX_BYTES,
  INVITATIONS_IMPORT_MAX_ROWS,
  getValidationIssues,
  isApiErrorCode,
  useImportInvitations,
  useImportProgress,
  useImports,
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
  file: Blob;
  rows: number;
}

const EXAMPLE = ['email,name,role', 'ada@example.org,Ada Muster,speaker', 'li@example.org,Li Wei,attendee'];
const FILE_ID = 'invitations-file';
const MAX_MB = Math.round(INVITATIONS_IMPORT_MAX_BYTES / 1024 / 1024);

const unfinished = (status: ImportProgress['status'] | undefined): boolean =>
  status === 'queued' || status === 'running';

/**
 * Invite people from a CSV file (`email,name,role`): the file is read in the browser and its name and row count
 * shown before anything is sent; once uploaded, the import runs in the background and its progress (rows done,
 * invited, merged duplicates, refused rows with their line numbers) is followed here until it is done, also across
 * a reload of the page or a restart of the server.
 */
export function InvitationsImport({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const formatNumber = (value: number) => new Intl.NumberFormat(locale).format(value);
  const mutation = useImportInvitations(eventSlug);
  const imports = useImports(eventSlug);
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  /** The import this console follows: the one just sent, or the newest unfinished one when the page opened. */
  const [followed, setFollowed] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [focusOutcome, setFocusOutcome] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  // A second click may come before `isPending` is rendered: the ref makes sure the file goes once.
  const sendingRef = useRef(false);

  const latest = imports.data?.imports[0];
  const shown = followed !== null && followed !== dismissed ? followed : null;

  // Opened (or reloaded) while an import runs: follow it, and keep following it once it is done.
  useEffect(() => {
    if (followed === null && latest && unfinished(latest.status)) setFollowed(latest.id);
  }, [followed, latest]);

  useEffect(() => {
    if (focusOutcome > 0) outcomeRef.current?.focus();
  }, [focusOutcome]);

  const handleFileChange = async (change: ChangeEvent<HTMLInputElement>) => {
    const file = change.target.files?.[0];
    mutation.reset();
    setPicked(null);
    setFileError(null);
    if (!file) return;
    if (file.size > INVITATIONS_IMPORT_MAX_BYTES) {
      setFileError(t('import.errors.tooLarge', { max: MAX_MB }));
      return;
    }
    setReading(true);
    try {
      const { columns, rows } = summariseCsv(await readFileText(file));
      if (!columns.includes('email') || !columns.includes('name')) setFileError(t('import.errors.header'));
      else if (rows === 0) setFileError(t('import.errors.noRows'));
      else if (rows > INVITATIONS_IMPORT_MAX_ROWS)
        setFileError(
          t('import.errors.tooManyRows', {
            rows: formatNumber(rows),
            max: formatNumber(INVITATIONS_IMPORT_MAX_ROWS),
          }),
        );
      else setPicked({ name: file.name, file, rows });
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
    sendingRef.current = true;
    mutation.mutate(
      { file: picked.file, fileName: picked.name },
      {
        onSettled: () => {
          sendingRef.current = false;
        },
        onSuccess: (queued) => {
          setFollowed(queued.id);
          clearFile();
          setFocusOutcome((count) => count + 1);
        },
        onError: (error) => {
          // A refused file must be corrected before it is worth sending again; a lost connection need not be.
          if (isApiErrorCode(error, 'core/validation-failed')) clearFile();
          setFocusOutcome((count) => count + 1);
        },
      },
    );
  };

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
            ? t('import.picked', { name: picked.name, count: picked.rows, rows: formatNumber(picked.rows) })
            : ''}
      </p>

      {picked && (
        <div className="pl-form__actions">
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending
              ? t('import.uploading')
              : t('import.submit', { count: picked.rows, rows: formatNumber(picked.rows) })}
          </Button>
        </div>
      )}

      {mutation.isError && <UploadFailure error={mutation.error} ref={outcomeRef} />}

      {shown && (
        <ImportProgressPanel
          eventSlug={eventSlug}
          importId={shown}
          ref={mutation.isError ? undefined : outcomeRef}
          onDismiss={() => setDismissed(shown)}
        />
      )}
    </form>
  );
}

interface ImportProgressPanelProps {
  eventSlug: string;
  importId: string;
  ref?: Ref<HTMLDivElement>;
  onDismiss: () => void;
}

/** One import as it runs: a progress bar, the counts, the refused and merged rows, then its outcome. */
function ImportProgressPanel({ eventSlug, importId, ref, onDismiss }: ImportProgressPanelProps) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const formatNumber = (value: number) => new Intl.NumberFormat(locale).format(value);
  const query = useImportProgress(eventSlug, importId);
  const progress = query.data;
  if (!progress) {
    return (
      <div ref={ref} tabIndex={-1} className="po-import-progress" role="status">
        {query.isError ? t('import.progress.unreachable') : t('import.progress.loading')}
      </div>
    );
  }
  const running = unfinished(progress.status);
  const failed = progress.status === 'failed';
  const percent =
    progress.totalRows > 0 ? Math.floor((progress.processedRows * 100) / progress.totalRows) : 0;
  const titleId = `import-progress-${importId}`;
  const counts: Array<[string, number]> = [
    [t('import.progress.invited'), progress.invited],
    [t('import.progress.peopleCreated'), progress.peopleCreated],
    [t('import.progress.duplicates'), progress.duplicates],
    [t('import.progress.errorRows'), progress.errorRows],
  ];
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={classNames('po-import-progress', failed && 'po-import-progress--failed')}
      aria-labelledby={titleId}
    >
      <h4 id={titleId} className="po-import-progress__title">
        {running
          ? t('import.progress.title', { name: progress.fileName })
          : failed
            ? t('import.progress.failedTitle', { name: progress.fileName })
            : t('import.progress.doneTitle', { name: progress.fileName })}
      </h4>
      <progress
        className="po-import-progress__bar"
        max={Math.max(progress.totalRows, 1)}
        value={progress.processedRows}
        aria-labelledby={titleId}
        aria-valuetext={t('import.progress.rows', {
          done: formatNumber(progress.processedRows),
          total: formatNumber(progress.totalRows),
        })}
      />
      <p className="po-import-progress__rows">
        {t('import.progress.rows', {
          done: formatNumber(progress.processedRows),
          total: formatNumber(progress.totalRows),
        })}{' '}
        <span className="po-import-progress__percent">({percent} %)</span>
      </p>
      {/* Said once when the import ends, not at every refresh of the numbers. */}
      <p className="po-import-progress__state" role="status">
        {running
          ? ''
          : failed
            ? (progress.failure ?? t('import.progress.failed'))
            : t('import.progress.done', { count: progress.invited, invited: formatNumber(progress.invited) })}
      </p>
      {running && query.isError && <p className="po-import-progress__stale">{t('import.progress.stale')}</p>}
      <dl className="po-import-progress__counts">
        {counts.map(([label, value]) => (
          <div key={label} className="po-import-progress__count">
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {progress.issues.length > 0 && (
        <details className="po-import-progress__issues" open={!running}>
          <summary>
            {t('import.progress.issuesTitle', {
              count: progress.duplicates + progress.errorRows,
              issues: formatNumber(progress.duplicates + progress.errorRows),
            })}
          </summary>
          <ul className="po-import__row-errors">
            {progress.issues.map((issue) => (
              <li key={issue.line}>
                <strong>{t('import.progress.line', { line: issue.line })}</strong> {issue.message}
              </li>
            ))}
          </ul>
          {progress.issuesTruncated && (
            <p className="po-import-progress__more">
              {t('import.progress.moreIssues', { count: progress.issues.length })}
            </p>
          )}
        </details>
      )}
      {!running && (
        <div className="pl-form__actions">
          <Button variant="quiet" onClick={onDismiss}>
            {t('actions.dismiss')}
          </Button>
        </div>
      )}
    </section>
  );
}

interface UploadFailureProps {
  error: Error;
  ref: Ref<HTMLDivElement>;
}

/** Why the file was not accepted: a file-level problem (no header, not CSV, too large) or the request's failure. */
function UploadFailure({ error, ref }: UploadFailureProps) {
  const { t } = useOrganiserTranslation();
  if (isApiErrorCode(error, 'core/payload-too-large')) {
    return (
      <Notice ref={ref} role="alert" tone="error" headingLevel={3} title={t('import.failedTitle')}>
        <p>{t('import.errors.tooLarge', { max: MAX_MB })}</p>
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
