import type { ImportItem, InterchangeFormat, ProgrammeImportResult } from '@plenary/contracts';
import {
  PROGRAMME_IMPORT_MAX_BYTES,
  getValidationIssues,
  programmeExportUrl,
  useProgrammeImport,
} from '@plenary/web-data-access';
import { Button, Notice, classNames } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, Ref } from 'react';
import { Link } from 'react-router';
import { readFileText } from './csv-file';
import { describeError } from './describe-error';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';
import './programme-interchange.css';

const FILE_ID = 'schedule-file';
const MAX_MB = Math.round(PROGRAMME_IMPORT_MAX_BYTES / 1024 / 1024);
/** Rows of changes and problems shown at most (the counts say the rest). */
const MAX_ROWS = 200;

interface PickedSchedule {
  name: string;
  text: string;
}

const EXPORTS: Array<{
  format: InterchangeFormat;
  label: 'pretalx' | 'frab' | 'sessionsCsv' | 'speakersCsv';
}> = [
  { format: 'pretalx-json', label: 'pretalx' },
  { format: 'frab-xml', label: 'frab' },
  { format: 'csv-sessions', label: 'sessionsCsv' },
  { format: 'csv-speakers', label: 'speakersCsv' },
];

const changeCount = (result: ProgrammeImportResult): number =>
  Object.values(result.counts).reduce((sum, counts) => sum + counts.create + counts.update, 0);

/**
 * Import a schedule file with a preview: choosing a file sends it as a dry run and shows what would change (counts,
 * the items that change with their fields, or every bad row with its line); "Import" then applies exactly that file.
 * Below, download links of the programme in each format.
 */
export function ProgrammeInterchangePanel({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const preview = useProgrammeImport(eventSlug);
  const apply = useProgrammeImport(eventSlug);
  const [picked, setPicked] = useState<PickedSchedule | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [focus, setFocus] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focus > 0) outcomeRef.current?.focus();
  }, [focus]);

  const reset = () => {
    preview.reset();
    apply.reset();
    setPicked(null);
    setFileError(null);
  };

  const handleFileChange = async (change: ChangeEvent<HTMLInputElement>) => {
    const file = change.target.files?.[0];
    reset();
    if (!file) return;
    if (file.size > PROGRAMME_IMPORT_MAX_BYTES) {
      setFileError(t('interchange.import.tooLarge', { max: MAX_MB }));
      return;
    }
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      setFileError(t('interchange.import.unreadable'));
      return;
    }
    setPicked({ name: file.name, text });
    preview.mutate(
      { file: text, fileName: file.name, dryRun: true },
      { onSettled: () => setFocus((count) => count + 1) },
    );
  };

  const handleImport = () => {
    if (!picked || apply.isPending) return;
    apply.mutate(
      { file: picked.text, fileName: picked.name, dryRun: false },
      {
        onSuccess: () => {
          if (inputRef.current) inputRef.current.value = '';
        },
        onSettled: () => setFocus((count) => count + 1),
      },
    );
  };

  const chooseAgain = () => {
    reset();
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.focus();
    }
  };

  const failure = apply.error ?? preview.error;
  const shownPreview = apply.data ? null : preview.data;

  return (
    <div className="pi-panels">
      <section className="pi-panel" aria-labelledby="interchange-import-title">
        <h2 id="interchange-import-title" className="po-panel__title">
          {t('interchange.import.title')}
        </h2>
        <div className="pi-note" id={`${FILE_ID}-hint`}>
          <p>{t('interchange.import.formats', { max: MAX_MB })}</p>
          <p>{t('interchange.import.rules')}</p>
        </div>
        <div className={classNames('pl-field', fileError !== null && 'pl-field--invalid')}>
          <label htmlFor={FILE_ID} className="pl-field__label">
            {t('interchange.import.file')}
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
            accept=".json,.xml,.csv,application/json,application/xml,text/xml,text/csv"
            className="po-import__file"
            aria-describedby={fileError ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={(change) => void handleFileChange(change)}
            disabled={preview.isPending || apply.isPending}
          />
        </div>

        <p className="pi-status" role="status">
          {preview.isPending && picked ? t('interchange.import.checking', { name: picked.name }) : ''}
        </p>

        {failure && <ImportFailure error={failure} ref={outcomeRef} />}

        {shownPreview && picked && !preview.isPending && (
          <div ref={outcomeRef} tabIndex={-1} className="pi-outcome">
            <ImportSummary
              result={shownPreview}
              title={t('interchange.preview.title', { name: picked.name })}
            />
            {changeCount(shownPreview) === 0 ? (
              <p className="pi-nothing">{t('interchange.preview.nothing')}</p>
            ) : (
              <ChangedItems items={shownPreview.items} />
            )}
            <div className="pl-form__actions pi-actions">
              {changeCount(shownPreview) > 0 && (
                <Button type="button" onClick={handleImport} disabled={apply.isPending}>
                  {apply.isPending
                    ? t('interchange.preview.importing')
                    : t('interchange.preview.submit', { count: changeCount(shownPreview) })}
                </Button>
              )}
              <Button type="button" variant="secondary" onClick={chooseAgain} disabled={apply.isPending}>
                {t('interchange.preview.cancel')}
              </Button>
            </div>
          </div>
        )}

        {apply.data && (
          <Notice
            tone="success"
            role="status"
            ref={outcomeRef}
            headingLevel={3}
            title={t('interchange.preview.doneTitle', { name: picked?.name ?? '' })}
          >
            <ImportSummary result={apply.data} title={null} />
            <p>
              <Link to={`/e/${eventSlug}`}>{t('interchange.preview.programmeLink')}</Link>
            </p>
          </Notice>
        )}
      </section>

      <section className="pi-panel" aria-labelledby="interchange-export-title">
        <h2 id="interchange-export-title" className="po-panel__title">
          {t('interchange.export.title')}
        </h2>
        <p className="pi-note">{t('interchange.export.lead')}</p>
        <ul className="pi-exports">
          {EXPORTS.map(({ format, label }) => (
            <li key={format}>
              <a
                className="pl-button pl-button--secondary pl-button--md"
                href={programmeExportUrl(eventSlug, format)}
                download
              >
                {t(`interchange.export.${label}`)}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

/** Counts per kind of item: new, changed, unchanged, not in the file. */
function ImportSummary({ result, title }: { result: ProgrammeImportResult; title: string | null }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const rows = [
    ['rooms', result.counts.rooms],
    ['speakers', result.counts.speakers],
    ['sessions', result.counts.sessions],
  ] as const;
  const anyAbsent = rows.some(([, counts]) => counts.absent > 0);
  return (
    <div className="pi-summary">
      {title && <h3 className="po-subtitle">{title}</h3>}
      <div className="pi-table-wrap">
        <table className="pi-table">
          <caption className="pl-visually-hidden">{t('interchange.preview.summary')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('interchange.preview.kind')}</th>
              <th scope="col">{t('interchange.preview.create')}</th>
              <th scope="col">{t('interchange.preview.update')}</th>
              <th scope="col">{t('interchange.preview.unchanged')}</th>
              {anyAbsent && <th scope="col">{t('interchange.preview.absent')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(([kind, counts]) => (
              <tr key={kind}>
                <th scope="row">{t(`interchange.preview.${kind}`)}</th>
                <td className="pi-num">{number(counts.create)}</td>
                <td className="pi-num">{number(counts.update)}</td>
                <td className="pi-num">{number(counts.unchanged)}</td>
                {anyAbsent && <td className="pi-num">{number(counts.absent)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {anyAbsent && <p className="pi-note">{t('interchange.preview.absentNote')}</p>}
    </div>
  );
}

/** The items a file creates or changes (with the fields) and those it leaves out. */
function ChangedItems({ items }: { items: ImportItem[] }) {
  const { t } = useOrganiserTranslation();
  const listed = items.filter((item) => item.action !== 'unchanged');
  const field = (name: string): string =>
    t(`interchange.preview.fieldNames.${name}` as 'interchange.preview.fieldNames.title', {
      defaultValue: name,
    });
  return (
    <div className="pi-changes">
      <h3 id="interchange-changes-title" className="po-subtitle">
        {t('interchange.preview.changesTitle')}
      </h3>
      {/* It scrolls: focusable, so a keyboard can scroll it too. */}
      <div className="pi-table-wrap" tabIndex={0} role="region" aria-labelledby="interchange-changes-title">
        <table className="pi-table">
          <thead>
            <tr>
              <th scope="col">{t('interchange.preview.item')}</th>
              <th scope="col">{t('interchange.preview.action')}</th>
              <th scope="col">{t('interchange.preview.fields')}</th>
              <th scope="col" className="pi-col-where">
                {t('interchange.preview.where')}
              </th>
            </tr>
          </thead>
          <tbody>
            {listed.slice(0, MAX_ROWS).map((item) => (
              <tr key={`${item.kind}-${item.key}-${item.action}`}>
                <th scope="row">
                  <span className="pi-kind">{t(`interchange.preview.kinds.${item.kind}`)}</span> {item.label}
                </th>
                <td>
                  <span className={classNames('pi-action', `pi-action--${item.action}`)}>
                    {t(`interchange.preview.actions.${item.action}`)}
                  </span>
                </td>
                <td>{item.changes.map(field).join(', ')}</td>
                <td className="pi-where pi-col-where">{item.location ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {listed.length > MAX_ROWS && (
        <p>{t('interchange.preview.more', { count: listed.length - MAX_ROWS })}</p>
      )}
    </div>
  );
}

/** A refused file with every bad row (line or JSON path, field, problem), or why the request failed. */
function ImportFailure({ error, ref }: { error: unknown; ref?: Ref<HTMLDivElement> }) {
  const { t } = useOrganiserTranslation();
  const issues = getValidationIssues(error);
  if (issues.length > 0) {
    return (
      <Notice tone="error" role="alert" ref={ref} headingLevel={3} title={t('interchange.errors.title')}>
        <p>{t('interchange.errors.lead')}</p>
        <ul className="pi-issues">
          {issues.slice(0, MAX_ROWS).map((issue, index) => (
            <li key={`${issue.path}-${index}`}>
              <code className="pi-where">{issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
        {issues.length > MAX_ROWS && (
          <p>{t('interchange.errors.more', { count: issues.length - MAX_ROWS })}</p>
        )}
      </Notice>
    );
  }
  const { title, message } = describeError(error, t);
  return (
    <Notice tone="error" role="alert" ref={ref} headingLevel={3} title={title}>
      {message}
    </Notice>
  );
}
