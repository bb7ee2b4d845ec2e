import { personalDataExportUrl } from '@plenary/web-data-access';
import { Button, Notice, TextField } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { useAccessTranslation } from './access-i18n';
import { describeApiError } from './api-error-message';

/** The word to type before an account is erased; the API checks it too. */
const CONFIRMATION_WORD = 'ERASE';
const CONFIRM_ID = 'erase-confirmation';
const ERASED_ITEMS = ['account', 'registrations', 'roles', 'sessions', 'mails'] as const;

export interface YourDataSectionProps {
  /** Erases the account; the page owns the request, as it outlives this section. */
  onErase: () => void;
  erasing: boolean;
  eraseError: Error | null;
}

/**
 * "Your data": download everything held about you (a plain link; the cookie authenticates it), and erase your
 * account, which first explains what goes and asks you to type ERASE.
 */
export function YourDataSection({ onErase, erasing, eraseError }: YourDataSectionProps) {
  const { t } = useAccessTranslation();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the step: into the confirmation when it opens, back to "Erase my account" when it closes.
  useEffect(() => {
    if (confirming) document.getElementById(CONFIRM_ID)?.focus();
    else if (wasConfirming.current) startRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const handleTypedChange = (change: ChangeEvent<HTMLInputElement>) => {
    setTyped(change.target.value);
    setTypedError(null);
  };

  const handleCancel = () => {
    setConfirming(false);
    setTyped('');
    setTypedError(null);
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (erasing) return;
    if (typed.trim() !== CONFIRMATION_WORD) {
      setTypedError(t('account.data.erase.mismatch', { word: CONFIRMATION_WORD }));
      document.getElementById(CONFIRM_ID)?.focus();
      return;
    }
    onErase();
  };

  const failure = eraseError ? describeApiError(eraseError, t) : null;

  return (
    <section className="pa-section" aria-labelledby="account-data-title">
      <h2 id="account-data-title" className="pa-section__title">
        {t('account.data.title')}
      </h2>
      <div className="pa-data">
        <div className="pa-data__option">
          <h3 className="pa-data__title">{t('account.data.download.title')}</h3>
          <p className="pa-muted">{t('account.data.download.hint')}</p>
          <a href={personalDataExportUrl} download className="pl-button pl-button--secondary pl-button--md">
            {t('account.data.download.action')}
          </a>
        </div>

        <div className="pa-data__option">
          <h3 className="pa-data__title">{t('account.data.erase.title')}</h3>
          <p className="pa-muted">{t('account.data.erase.hint')}</p>
          {confirming ? (
            <form className="pa-erase" noValidate onSubmit={handleSubmit} aria-labelledby="erase-question">
              <p id="erase-question" className="pa-erase__question">
                {t('account.data.erase.question')}
              </p>
              <ul className="pa-erase__list">
                {ERASED_ITEMS.map((item) => (
                  <li key={item}>{t(`account.data.erase.items.${item}`)}</li>
                ))}
              </ul>
              <p>{t('account.data.erase.after')}</p>
              <TextField
                id={CONFIRM_ID}
                label={t('account.data.erase.confirmLabel', { word: CONFIRMATION_WORD })}
                hint={t('account.data.erase.confirmHint')}
                error={typedError ?? undefined}
                value={typed}
                onChange={handleTypedChange}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                disabled={erasing}
              />
              {failure && (
                <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
                  <p>{failure.message}</p>
                </Notice>
              )}
              <div className="pa-actions">
                <Button type="submit" className="pa-erase__submit" disabled={erasing}>
                  {erasing ? t('account.data.erase.erasing') : t('account.data.erase.confirm')}
                </Button>
                <Button variant="quiet" onClick={handleCancel} disabled={erasing}>
                  {t('account.data.erase.cancel')}
                </Button>
              </div>
            </form>
          ) : (
            <Button ref={startRef} variant="secondary" onClick={() => setConfirming(true)}>
              {t('account.data.erase.start')}
            </Button>
          )}
        </div>
      </div>
    </section>
  );
}
