import { Button } from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useOrganiserTranslation } from '../organiser-i18n';
import { EditorDialog } from './editor-dialog';

export interface ConfirmDialogProps {
  title: ReactNode;
  message: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Delete Breakout A?": the safe answer has the focus. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busy,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useOrganiserTranslation();
  return (
    <EditorDialog role="alertdialog" title={title} onClose={onClose} closeLabel={t('editor.close')}>
      <p>{message}</p>
      <div className="pe-actions">
        <Button variant="secondary" onClick={onClose} data-autofocus>
          {t('editor.keep')}
        </Button>
        <Button className="pe-danger-button" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </EditorDialog>
  );
}
