import { Button, type ButtonVariant } from '@plenary/web-ui';
import { useId, useState } from 'react';
import { useStageTranslation } from './stage-i18n';

export interface ConfirmButtonProps {
  /** The button's visible label. */
  label: string;
  /** Its accessible name when it should say more than the label (e.g. who is removed). */
  ariaLabel?: string;
  /** The question asked before acting. */
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: ButtonVariant;
}

/** A destructive action asked twice: the button turns into the question with "Yes" and "Cancel". */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  variant = 'secondary',
}: ConfirmButtonProps) {
  const { t } = useStageTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant={variant} onClick={() => setAsking(true)} disabled={disabled} aria-label={ariaLabel}>
        {label}
      </Button>
    );
  }
  return (
    <div className="st-confirm" role="group" aria-labelledby={id}>
      <p id={id} className="st-confirm__question">
        {question}
      </p>
      <div className="st-confirm__actions">
        <Button
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </Button>
        <Button variant="quiet" onClick={() => setAsking(false)} autoFocus>
          {t('controls.cancel')}
        </Button>
      </div>
    </div>
  );
}
