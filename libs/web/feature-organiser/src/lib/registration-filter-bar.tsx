import { ATTENDANCE_MODES, REGISTRATION_STATUSES } from '@plenary/contracts';
import type { Attendance, RegistrationStatus } from '@plenary/contracts';
import { Button, SelectField, TextField } from '@plenary/web-ui';
import { useState } from 'react';
import type { ChangeEvent } from 'react';
import { useOrganiserTranslation } from './organiser-i18n';
import { hasFilters } from './registration-filters';
import type { RegistrationFilters } from './registration-filters';
import { useDebouncedCallback } from './use-debounced-callback';

const SEARCH_DELAY_MS = 300;

export interface RegistrationFilterBarProps {
  filters: RegistrationFilters;
  onChange: (changes: Partial<RegistrationFilters>) => void;
}

/** A text box's value, shown at once and handed to `onCommit` only once typing pauses. */
function useDebouncedText(value: string, onCommit: (value: string) => void) {
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback(onCommit, SEARCH_DELAY_MS);
  // The address changed elsewhere (a link, "clear filters", back): show its value.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const handleChange = (next: string) => {
    setText(next);
    commit(next);
  };
  return [text, handleChange] as const;
}

/** Search (debounced) and filters by status, attendance and organisation. */
export function RegistrationFilterBar({ filters, onChange }: RegistrationFilterBarProps) {
  const { t } = useOrganiserTranslation();
  const [search, setSearch] = useDebouncedText(filters.q, (q) => onChange({ q }));
  const [organisation, setOrganisation] = useDebouncedText(filters.organisation, (value) =>
    onChange({ organisation: value }),
  );

  const handleSearchChange = (change: ChangeEvent<HTMLInputElement>) => setSearch(change.target.value);
  const handleOrganisationChange = (change: ChangeEvent<HTMLInputElement>) =>
    setOrganisation(change.target.value);
  const handleStatusChange = (change: ChangeEvent<HTMLSelectElement>) =>
    onChange({ status: (change.target.value || undefined) as RegistrationStatus | undefined });
  const handleAttendanceChange = (change: ChangeEvent<HTMLSelectElement>) =>
    onChange({ attendance: (change.target.value || undefined) as Attendance | undefined });
  const handleClear = () => onChange({ q: '', status: undefined, attendance: undefined, organisation: '' });

  return (
    <div role="search" className="po-filters" aria-label={t('filters.label')}>
      <TextField
        id="filter-search"
        className="po-filters__search"
        type="search"
        label={t('filters.search.label')}
        hint={t('filters.search.hint')}
        value={search}
        onChange={handleSearchChange}
        autoComplete="off"
        spellCheck={false}
      />
      <SelectField
        id="filter-status"
        label={t('filters.status')}
        value={filters.status ?? ''}
        onChange={handleStatusChange}
      >
        <option value="">{t('filters.any')}</option>
        {REGISTRATION_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="filter-attendance"
        label={t('filters.attendance')}
        value={filters.attendance ?? ''}
        onChange={handleAttendanceChange}
      >
        <option value="">{t('filters.any')}</option>
        {ATTENDANCE_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`attendanceMode.${mode}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="filter-organisation"
        label={t('filters.organisation')}
        value={organisation}
        onChange={handleOrganisationChange}
        autoComplete="off"
      />
      {hasFilters(filters) && (
        <div className="po-filters__clear">
          <Button variant="quiet" onClick={handleClear}>
            {t('filters.clear')}
          </Button>
        </div>
      )}
    </div>
  );
}
