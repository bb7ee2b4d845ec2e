import { REGISTRATION_STATUSES } from '@plenary/contracts';
import type { RegistrationList, RegistrationStatus } from '@plenary/contracts';
import { classNames } from '@plenary/web-ui';
import { useOrganiserTranslation } from './organiser-i18n';

export interface StatusSummaryProps {
  counts: RegistrationList['counts'] | undefined;
  /** The status the list is filtered by, if any. */
  activeStatus: RegistrationStatus | undefined;
  onSelectStatus: (status: RegistrationStatus | undefined) => void;
}

/**
 * Registrations per status: one bar with a segment per status (progress at a glance), and a legend whose
 * entries filter the list by that status.
 */
export function StatusSummary({ counts, activeStatus, onSelectStatus }: StatusSummaryProps) {
  const { t } = useOrganiserTranslation();
  const count = (status: RegistrationStatus) => counts?.[status] ?? 0;
  const total = REGISTRATION_STATUSES.reduce((sum, status) => sum + count(status), 0);
  const pending = count('pending');

  return (
    <section className="po-summary" aria-labelledby="summary-title">
      <div className="po-summary__head">
        <h2 id="summary-title" className="po-summary__title">
          {t('summary.title')}
        </h2>
        <p className="po-summary__total">
          {t('summary.total', { count: total })}
          {total > 0 && (
            <>
              {' · '}
              <strong>
                {pending > 0 ? t('summary.toDecide', { count: pending }) : t('summary.allDecided')}
              </strong>
            </>
          )}
        </p>
      </div>
      <div className="po-summary__bar" aria-hidden="true">
        {total > 0 &&
          REGISTRATION_STATUSES.map((status) =>
            count(status) > 0 ? (
              <span
                key={status}
                className={classNames('po-summary__segment', `po-status--${status}`)}
                style={{ flexGrow: count(status) }}
              />
            ) : null,
          )}
      </div>
      <ul className="po-summary__legend">
        {REGISTRATION_STATUSES.map((status) => {
          const active = activeStatus === status;
          return (
            <li key={status}>
              <button
                type="button"
                className="po-summary__entry"
                aria-pressed={active}
                onClick={() => onSelectStatus(active ? undefined : status)}
              >
                <span
                  className={classNames('po-summary__swatch', `po-status--${status}`)}
                  aria-hidden="true"
                />
                <span className="po-summary__label">{t(`status.${status}`)}</span>
                <span className="po-summary__count">{count(status)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
