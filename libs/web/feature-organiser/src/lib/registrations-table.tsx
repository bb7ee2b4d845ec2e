import { ATTENDANCE_MODES } from '@plenary/contracts';
import type { Attendance, RegistrationRow } from '@plenary/contracts';
import { Button, RegistrationStatusBadge } from '@plenary/web-ui';
import { useMemo } from 'react';
import type { ChangeEvent } from 'react';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

export interface RegistrationsTableProps {
  rows: readonly RegistrationRow[];
  selectedIds: ReadonlySet<string>;
  onToggle: (id: string, selected: boolean) => void;
  onAttendanceChange: (row: RegistrationRow, attendance: Attendance) => void;
  /** Rows whose attendance is being saved. */
  savingAttendanceIds: ReadonlySet<string>;
  /** The row whose "reissue ticket" awaits confirmation, if any. */
  confirmingReissueId: string | null;
  reissuingId: string | null;
  onReissueRequest: (row: RegistrationRow) => void;
  onReissueConfirm: (row: RegistrationRow) => void;
  onReissueCancel: () => void;
}

/**
 * One page of registrations as a table (cards on narrow screens): a checkbox per row, the person, their
 * organisation, country, an attendance switch, status, date and "reissue ticket". Every control is a native
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
  confirmingReissueId,
  reissuingId,
  onReissueRequest,
  onReissueConfirm,
  onReissueCancel,
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
              {t(`attendance.${mode}`)}
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
        {row.status === 'approved' &&
          (confirmingReissueId === row.id ? (
            <div
              className="po-reissue"
              role="group"
              aria-label={t('reissue.confirmLabel', { name: row.name })}
            >
              <span className="po-reissue__question">{t('reissue.question')}</span>
              <Button
                variant="primary"
                onClick={() => onReissueConfirm(row)}
                disabled={reissuingId === row.id}
                autoFocus
              >
                {t('reissue.confirm')}
              </Button>
              <Button variant="quiet" onClick={onReissueCancel}>
                {t('reissue.keep')}
              </Button>
            </div>
          ) : (
            <Button
              variant="secondary"
              className="po-reissue__button"
              onClick={() => onReissueRequest(row)}
              aria-label={t('reissue.labelFor', { name: row.name })}
            >
              {t('reissue.action')}
            </Button>
          ))}
      </td>
    </tr>
  );
}
