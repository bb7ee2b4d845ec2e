import type {
  Attendance,
  BulkDecisionResult,
  Decision,
  RegistrationRow,
  RegistrationStatus,
} from '@plenary/contracts';
import {
  ApiRequestError,
  registrationsCsvUrl,
  useDecideRegistrations,
  useEndPersonSessions,
  useReissueTicket,
  useRegistrations,
  useUpdateRegistration,
} from '@plenary/web-data-access';
import { Button, EmptyState, LoadingState, Notice, Skeleton, VisuallyHidden } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { useSearchParams } from 'react-router';
import { BulkDecisionBar } from './bulk-decision-bar';
import { describeError } from './describe-error';
import { EventSettingsPanel } from './event-settings-panel';
import { InvitationsPanel } from './invitations-panel';
import { useOrganiserTranslation } from './organiser-i18n';
import { RegistrationFilterBar } from './registration-filter-bar';
import { PAGE_SIZES, hasFilters, readFilters, toListQuery, writeFilters } from './registration-filters';
import type { RegistrationFilters } from './registration-filters';
import { RegistrationsTable } from './registrations-table';
import type { PendingRowAction, RowAction } from './registrations-table';
import { StatusSummary } from './status-summary';

/** An outcome to announce: a bulk decision, an attendance change, a row action, or a failure. */
interface Outcome {
  tone: 'success' | 'error';
  title: string;
  message?: string;
  /** Take focus: when the control that caused it has gone (a confirmation), so focus is not lost. */
  focus?: boolean;
}

/** Counts the statuses a bulk decision ended in ("2 approved, 1 on the waiting list"). */
function summariseResults(result: BulkDecisionResult): Map<RegistrationStatus, number> {
  const counts = new Map<RegistrationStatus, number>();
  for (const { status } of result.results) counts.set(status, (counts.get(status) ?? 0) + 1);
  return counts;
}

/**
 * The organiser's registrations console: counts per status, settings, invitations, search and filters (kept in
 * the address), the CSV export, the table with row selection, bulk decisions with confirmation, per-row
 * attendance, ticket reissue and ending a person's sessions, and pagination.
 */
export function RegistrationsConsole({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readFilters(searchParams);
  const query = toListQuery(filters);
  const list = useRegistrations(eventSlug, query);
  const decide = useDecideRegistrations(eventSlug);
  const updateAttendance = useUpdateRegistration(eventSlug);
  const reissue = useReissueTicket(eventSlug);
  const endSessions = useEndPersonSessions(eventSlug);

  // The selection belongs to one page of one filter: changing either starts afresh.
  const pageKey = JSON.stringify(query);
  const [selection, setSelection] = useState<{ pageKey: string; ids: ReadonlySet<string> }>({
    pageKey,
    ids: new Set(),
  });
  const selectedIds = selection.pageKey === pageKey ? selection.ids : new Set<string>();
  const [pendingDecision, setPendingDecision] = useState<Decision | null>(null);
  const [savingAttendanceIds, setSavingAttendanceIds] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState<PendingRowAction | null>(null);
  const [working, setWorking] = useState<PendingRowAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome?.focus) outcomeRef.current?.focus();
  }, [outcome]);

  const rows = list.data?.items ?? [];
  const visibleSelected = rows.filter((row) => selectedIds.has(row.id));
  const allOnPageSelected = rows.length > 0 && visibleSelected.length === rows.length;

  const updateFilters = (changes: Partial<RegistrationFilters>) => {
    setPendingDecision(null);
    setSearchParams((previous) => writeFilters({ ...readFilters(previous), page: 1, ...changes }), {
      replace: true,
      preventScrollReset: true,
    });
  };

  const handleToggle = (id: string, selected: boolean) => {
    const ids = new Set(selectedIds);
    if (selected) ids.add(id);
    else ids.delete(id);
    setSelection({ pageKey, ids });
  };

  const handleToggleAll = (selected: boolean) =>
    setSelection({ pageKey, ids: selected ? new Set(rows.map((row) => row.id)) : new Set() });

  const handleConfirmDecision = () => {
    if (!pendingDecision || visibleSelected.length === 0) return;
    const decision = pendingDecision;
    decide.mutate(
      { registrationIds: visibleSelected.map((row) => row.id), decision },
      {
        onSuccess: (result) => {
          setPendingDecision(null);
          setSelection({ pageKey, ids: new Set() });
          const parts = [...summariseResults(result)].map(([status, count]) =>
            t(`bulk.result.${status}`, { count }),
          );
          setOutcome({
            tone: 'success',
            title: t(`bulk.done.${decision}`, { count: result.results.length }),
            message: parts.join(', '),
            focus: true,
          });
        },
        onError: (error) => {
          setPendingDecision(null);
          setOutcome({ tone: 'error', ...describeError(error, t), focus: true });
        },
      },
    );
  };

  const handleAttendanceChange = (row: RegistrationRow, attendance: Attendance) => {
    setSavingAttendanceIds((ids) => new Set(ids).add(row.id));
    updateAttendance.mutate(
      { registrationId: row.id, attendance },
      {
        onSuccess: (updated) =>
          setOutcome({
            tone: 'success',
            title: t('attendanceChanged', {
              name: updated.name,
              attendance: t(`attendanceMode.${updated.attendance}`),
            }),
            message:
              updated.status !== row.status
                ? t('statusNow', { status: t(`status.${updated.status}`) })
                : undefined,
          }),
        onError: (error) => setOutcome({ tone: 'error', ...describeError(error, t) }),
        onSettled: () =>
          setSavingAttendanceIds((ids) => {
            const next = new Set(ids);
            next.delete(row.id);
            return next;
          }),
      },
    );
  };

  const handleActionConfirm = (action: RowAction, row: RegistrationRow) => {
    if (working) return;
    const finish = (next: Outcome) => {
      setWorking(null);
      setConfirming(null);
      setOutcome(next);
    };
    const fail = (error: unknown) => finish({ tone: 'error', ...describeError(error, t), focus: true });
    setWorking({ action, rowId: row.id });
    if (action === 'reissue') {
      reissue.mutate(row.id, {
        onSuccess: () =>
          finish({
            tone: 'success',
            title: t('reissue.done', { name: row.name }),
            message: t('reissue.doneMessage'),
            focus: true,
          }),
        onError: fail,
      });
    } else {
      endSessions.mutate(row.personId, {
        onSuccess: ({ ended }) =>
          finish({
            tone: 'success',
            title:
              ended > 0
                ? t('endSessions.done', { name: row.name })
                : t('endSessions.none', { name: row.name }),
            message: ended > 0 ? t('endSessions.doneMessage', { count: ended }) : undefined,
            focus: true,
          }),
        onError: fail,
      });
    }
  };

  const handlePageSize = (change: ChangeEvent<HTMLSelectElement>) =>
    updateFilters({ pageSize: Number(change.target.value) });

  const handlePage = (page: number) => {
    setPendingDecision(null);
    setSearchParams((previous) => writeFilters({ ...readFilters(previous), page }), {
      preventScrollReset: true,
    });
  };

  const forbidden = list.error instanceof ApiRequestError && list.error.code === 'identity/forbidden-role';
  if (forbidden) {
    return (
      <Notice tone="warning" title={t('errors.forbidden.title')}>
        <p>{t('errors.forbidden.message')}</p>
      </Notice>
    );
  }

  const total = list.data?.total ?? 0;
  const firstShown = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;
  const lastShown = Math.min(total, filters.page * filters.pageSize);
  const pageCount = Math.max(1, Math.ceil(total / filters.pageSize));

  return (
    <div className="po-console">
      <div className="po-overview">
        <StatusSummary
          counts={list.data?.counts}
          activeStatus={filters.status}
          onSelectStatus={(status) => updateFilters({ status })}
        />
        <EventSettingsPanel eventSlug={eventSlug} />
        <InvitationsPanel eventSlug={eventSlug} />
      </div>

      <section className="po-registrations" aria-labelledby="registrations-title">
        <div className="po-registrations__head">
          <h2 id="registrations-title" className="po-panel__title">
            {t('registrations.title')}
          </h2>
          <a
            href={registrationsCsvUrl(eventSlug)}
            download
            className="pl-button pl-button--secondary pl-button--md po-export"
          >
            {t('registrations.export')} <VisuallyHidden>{t('registrations.exportScope')}</VisuallyHidden>
          </a>
        </div>
        <RegistrationFilterBar filters={filters} onChange={updateFilters} />

        {outcome && (
          <Notice
            ref={outcomeRef}
            role={outcome.tone === 'error' ? 'alert' : 'status'}
            tone={outcome.tone}
            headingLevel={3}
            title={outcome.title}
            className="po-outcome"
            actions={
              <Button variant="quiet" onClick={() => setOutcome(null)}>
                {t('actions.dismiss')}
              </Button>
            }
          >
            {outcome.message && <p>{outcome.message}</p>}
          </Notice>
        )}

        <BulkDecisionBar
          selectedCount={visibleSelected.length}
          pageCount={rows.length}
          allOnPageSelected={allOnPageSelected}
          onToggleAll={handleToggleAll}
          pending={pendingDecision}
          busy={decide.isPending}
          onRequest={setPendingDecision}
          onConfirm={handleConfirmDecision}
          onCancel={() => setPendingDecision(null)}
        />

        {list.isPending ? (
          <LoadingState label={t('registrations.loading')}>
            <div className="po-skeleton-stack">
              {Array.from({ length: 5 }, (_, index) => (
                <Skeleton key={index} shape="block" width="100%" height="3.5rem" />
              ))}
            </div>
          </LoadingState>
        ) : list.isError && !list.data ? (
          <Notice
            role="alert"
            tone="error"
            headingLevel={3}
            title={describeError(list.error, t).title}
            actions={
              <Button variant="secondary" onClick={() => void list.refetch()}>
                {t('actions.retry')}
              </Button>
            }
          >
            <p>{describeError(list.error, t).message}</p>
          </Notice>
        ) : rows.length === 0 ? (
          filters.page > 1 ? (
            <EmptyState
              headingLevel={3}
              title={t('registrations.pastEnd.title')}
              actions={
                <Button variant="secondary" onClick={() => handlePage(1)}>
                  {t('registrations.pastEnd.action')}
                </Button>
              }
            />
          ) : hasFilters(filters) ? (
            <EmptyState
              headingLevel={3}
              title={t('registrations.noMatch.title')}
              message={t('registrations.noMatch.message')}
              actions={
                <Button
                  variant="secondary"
                  onClick={() =>
                    updateFilters({ q: '', status: undefined, attendance: undefined, organisation: '' })
                  }
                >
                  {t('filters.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyState
              headingLevel={3}
              title={t('registrations.empty.title')}
              message={t('registrations.empty.message')}
            />
          )
        ) : (
          <div
            aria-busy={list.isPlaceholderData || undefined}
            className={list.isPlaceholderData ? 'po-stale' : undefined}
          >
            <RegistrationsTable
              rows={rows}
              selectedIds={selectedIds}
              onToggle={handleToggle}
              onAttendanceChange={handleAttendanceChange}
              savingAttendanceIds={savingAttendanceIds}
              confirming={confirming}
              working={working}
              onActionRequest={(action, row) => setConfirming({ action, rowId: row.id })}
              onActionConfirm={handleActionConfirm}
              onActionCancel={() => setConfirming(null)}
            />
          </div>
        )}

        {total > 0 && (
          <nav className="po-pagination" aria-label={t('pagination.label')}>
            <p className="po-pagination__range">
              {t('pagination.range', { first: firstShown, last: lastShown, total })}
            </p>
            <div className="po-pagination__controls">
              <Button
                variant="secondary"
                onClick={() => handlePage(filters.page - 1)}
                disabled={filters.page <= 1}
              >
                {t('pagination.previous')}
              </Button>
              <span className="po-pagination__page">
                {t('pagination.page', { page: filters.page, count: pageCount })}
              </span>
              <Button
                variant="secondary"
                onClick={() => handlePage(filters.page + 1)}
                disabled={filters.page >= pageCount}
              >
                {t('pagination.next')}
              </Button>
            </div>
            <label className="po-pagination__size">
              <span>{t('pagination.pageSize')}</span>
              <select className="pl-input pl-select" value={filters.pageSize} onChange={handlePageSize}>
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        )}
      </section>
    </div>
  );
}
