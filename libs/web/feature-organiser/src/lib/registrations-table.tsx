import { ATTENDANCE_MODES } from '@plenary/contracts';
import type { Attendance, RegistrationRow } from '@plenary/contracts';
import { Button, RegistrationStatusBadge } from '@plenary/web-ui';
import { useEffect, useMemo, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

export interface RegistrationsTableProps {
  rows: readonly RegistrationRow[];
  selectedIds: ReadonlySet<string>;
  onToggle: (id: string, selected: boolean) => void;
  onAttendanceChange: (row: RegistrationRow, attendance: Attendance) => void;
  /** Rows whose attendance is being saved. */
  savingAttendanceIds: ReadonlySet<string>;
  /** The row action awaiting confirmation, if any (one at a time). */
  confirming: PendingRowAction | null;
  /** The row action being carried out, if any. */
  working: PendingRowAction | null;
  onActionRequest: (action: RowAction, row: RegistrationRow) => void;
  onActionConfirm: (action: RowAction, row: RegistrationRow) => void;
  onActionCancel: () => void;
}

/** What a row offers, each after a confirmation: a new ticket (approved rows), ending the person's sessions. */
export type RowAction = 'reissue' | 'endSessions';

export interface PendingRowAction {
  action: RowAction;
  rowId: string;
}

/**
 * One page of registrations as a table (cards on narrow screens): a checkbox per row, the person, their
 * organisation, country, an attendance switch, status, date, "reissue ticket" and "end sessions". Every control is a native
 * one, so the whole table works with Tab, Space and the arrow keys.
 */
export function RegistrationsTable(props: RegistrationsTableProps) {
  const { t } = useOrganiserTranslation();
  return (
    <div className="po-table-wrap">
      <table className="po-table">
        <caption className="pl-visually-hidden">{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col" className="po-table__select">
              <span className="pl-visually-hidden">{t('table.select')}</span>
            </th>
            <th scope="col">{t('table.person')}</th>
            <th scope="col">{t('table.organisation')}</th>
            <th scope="col">{t('table.country')}</th>
            <th scope="col">{t('table.attendance')}</th>
            <th scope="col">{t('table.status')}</th>
            <th scope="col">{t('table.registered')}</th>
            <th scope="col">
              <span className="pl-visually-hidden">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <RegistrationTableRow key={row.id} row={row} {...props} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RegistrationTableRow({
  row,
  selectedIds,
  onToggle,
  onAttendanceChange,
  savingAttendanceIds,
  confirming,
  working,
  onActionRequest,
  onActionConfirm,
  onActionCancel,
}: RegistrationsTableProps & { row: RegistrationRow }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const countryNames = useMemo(
    () => new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }),
    [locale],
  );
  const selected = selectedIds.has(row.id);
  const checkboxId = `select-${row.id}`;
  const nameId = `name-${row.id}`;

  const handleToggle = (change: ChangeEvent<HTMLInputElement>) => onToggle(row.id, change.target.checked);
  const handleAttendance = (change: ChangeEvent<HTMLSelectElement>) =>
    onAttendanceChange(row, change.target.value as Attendance);

  let countryName = row.country;
  try {
    countryName = countryNames.of(row.country) ?? row.country;
  } catch {
    // Not a region code: show it as it is.
  }

  return (
    <tr className={selected ? 'po-row po-row--selected' : 'po-row'}>
      <td className="po-table__select">
        <input
          type="checkbox"
          id={checkboxId}
          className="pl-choice__control"
          checked={selected}
          onChange={handleToggle}
          aria-labelledby={`${checkboxId}-label ${nameId}`}
        />
        <span id={`${checkboxId}-label`} className="pl-visually-hidden">
          {t('table.selectRow')}
        </span>
      </td>
      <th scope="row" className="po-table__person" data-label={t('table.person')}>
        <span id={nameId} className="po-person__name">
          {row.name}
        </span>
        <a href={`mailto:${row.email}`} className="po-person__email">
          {row.email}
        </a>
        {row.accessibilityNeeds && (
          <span className="po-person__note">
            <span className="po-person__note-label">{t('table.accessibility')}: </span>
            {row.accessibilityNeeds}
          </span>
        )}
        {!row.photoRecordingConsent && <span className="po-person__note">{t('table.noPhotoConsent')}</span>}
      </th>
      <td data-label={t('table.organisation')}>
        <div>
          <span className="po-cell__main">{row.organisation}</span>
          <span className="po-cell__sub">{row.jobTitle}</span>
        </div>
      </td>
      <td data-label={t('table.country')}>{countryName}</td>
      <td data-label={t('table.attendance')}>
        <select
          className="pl-input pl-select po-attendance"
          value={row.attendance}
          onChange={handleAttendance}
          disabled={savingAttendanceIds.has(row.id)}
          aria-label={t('table.attendanceOf', { name: row.name })}
        >
          {ATTENDANCE_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t(`attendanceMode.${mode}`)}
            </option>
          ))}
        </select>
      </td>
      <td data-label={t('table.status')}>
        <RegistrationStatusBadge status={row.status}>{t(`status.${row.status}`)}</RegistrationStatusBadge>
      </td>
      <td data-label={t('table.registered')}>
        <time dateTime={row.createdAt}>
          {new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(row.createdAt))}
        </time>
      </td>
      <td className="po-table__actions">
        <div className="po-row-actions">
          {(row.status === 'approved'
            ? (['reissue', 'endSessions'] as const)
            : (['endSessions'] as const)
          ).map((action) => (
            <RowActionControl
              key={action}
              action={action}
              row={row}
              confirming={confirming?.action === action && confirming.rowId === row.id}
              working={working?.action === action && working.rowId === row.id}
              onRequest={onActionRequest}
              onConfirm={onActionConfirm}
              onCancel={onActionCancel}
            />
          ))}
        </div>
      </td>
    </tr>
  );
}

interface RowActionControlProps {
  action: RowAction;
  row: RegistrationRow;
  confirming: boolean;
  working: boolean;
  onRequest: (action: RowAction, row: RegistrationRow) => void;
  onConfirm: (action: RowAction, row: RegistrationRow) => void;
  onCancel: () => void;
}

/**
 * A row action's button, or its question with "confirm" (focused) and "keep". Declining hands focus back to the
 * button, so the keyboard stays where it was.
 */
function RowActionControl({
  action,
  row,
  confirming,
  working,
  onRequest,
  onConfirm,
  onCancel,
}: RowActionControlProps) {
  const { t } = useOrganiserTranslation();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (wasConfirming.current && !confirming) buttonRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (confirming) {
    return (
      <div className="po-confirm" role="group" aria-label={t(`${action}.confirmLabel`, { name: row.name })}>
        <span className="po-confirm__question">{t(`${action}.question`)}</span>
        <Button variant="primary" onClick={() => onConfirm(action, row)} disabled={working} autoFocus>
          {working ? t(`${action}.working`) : t(`${action}.confirm`)}
        </Button>
        <Button variant="quiet" onClick={onCancel} disabled={working}>
          {t(`${action}.keep`)}
        </Button>
      </div>
    );
  }
  return (
    <Button
      ref={buttonRef}
      variant="secondary"
      className="po-row-action"
      onClick={() => onRequest(action, row)}
      aria-label={t(`${action}.labelFor`, { name: row.name })}
    >
      {t(`${action}.action`)}
    </Button>
  );
}
