import { DECISIONS } from '@plenary/contracts';
import type { Decision } from '@plenary/contracts';
import { Button } from '@plenary/web-ui';
import { useEffect, useRef } from 'react';
import type { ChangeEvent } from 'react';
import { useOrganiserTranslation } from './organiser-i18n';

export interface BulkDecisionBarProps {
  selectedCount: number;
  pageCount: number;
  allOnPageSelected: boolean;
  onToggleAll: (selected: boolean) => void;
  /** The decision awaiting confirmation, if any. */
  pending: Decision | null;
  busy: boolean;
  onRequest: (decision: Decision) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * "Select all on this page", the number selected, and Approve / Reject / Cancel for the selection, each asking
 * for confirmation first (focus moves to the question, and back to the buttons when it is answered).
 */
export function BulkDecisionBar({
  selectedCount,
  pageCount,
  allOnPageSelected,
  onToggleAll,
  pending,
  busy,
  onRequest,
  onConfirm,
  onCancel,
}: BulkDecisionBarProps) {
  const { t } = useOrganiserTranslation();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const decisionRefs = useRef(new Map<Decision, HTMLButtonElement>());
  const askedRef = useRef<Decision | null>(null);

  // Focus follows the question: onto "confirm" when asked, back to the decision's button once answered.
  useEffect(() => {
    if (pending) {
      askedRef.current = pending;
      confirmRef.current?.focus();
    } else if (askedRef.current) {
      decisionRefs.current.get(askedRef.current)?.focus();
      askedRef.current = null;
    }
  }, [pending]);

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selectedCount > 0 && !allOnPageSelected;
  }, [selectedCount, allOnPageSelected]);

  const handleToggleAll = (change: ChangeEvent<HTMLInputElement>) => onToggleAll(change.target.checked);

  return (
    <div className="po-bulk" role="region" aria-label={t('bulk.label')}>
      <div className="po-bulk__select pl-choice">
        <input
          ref={selectAllRef}
          type="checkbox"
          id="select-all"
          className="pl-choice__control"
          checked={allOnPageSelected}
          onChange={handleToggleAll}
          disabled={pageCount === 0}
        />
        <label htmlFor="select-all" className="pl-choice__label">
          {t('bulk.selectAll')}
        </label>
      </div>
      <p className="po-bulk__count" aria-live="polite">
        {t('bulk.selected', { count: selectedCount })}
      </p>
      {pending ? (
        <div className="po-bulk__confirm" role="group" aria-labelledby="bulk-question">
          <p id="bulk-question" className="po-bulk__question">
            {t(`bulk.question.${pending}`, { count: selectedCount })}
          </p>
          <div className="po-bulk__actions">
            <Button ref={confirmRef} onClick={onConfirm} disabled={busy}>
              {busy ? t('bulk.working') : t(`bulk.confirm.${pending}`, { count: selectedCount })}
            </Button>
            <Button variant="secondary" onClick={onCancel} disabled={busy}>
              {t('bulk.keep')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="po-bulk__actions">
          {DECISIONS.map((decision) => (
            <Button
              key={decision}
              ref={(element) => {
                if (element) decisionRefs.current.set(decision, element);
                else decisionRefs.current.delete(decision);
              }}
              variant={decision === 'approve' ? 'primary' : 'secondary'}
              onClick={() => onRequest(decision)}
              disabled={selectedCount === 0}
            >
              {t(`bulk.action.${decision}`)}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
