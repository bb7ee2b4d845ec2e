import { QUESTION_MAX_LENGTH, cleanText } from '@plenary/contracts';
import type { EngagementSettings } from '@plenary/contracts';
import type { AskQuestionInput } from '@plenary/web-data-access';
import { LiveAckError, newClientId } from '@plenary/web-data-access';
import { Button, CheckboxField, classNames } from '@plenary/web-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';

export const QUESTION_MIN_LENGTH = 3;

/** Characters that count against the limit: what the server keeps after cleaning (trimmed, control marks gone). */
export function questionLength(text: string): number {
  return cleanText(text).length;
}

export interface AskQuestionFormProps {
  settings: EngagementSettings;
  /** Sends the question; rejects with the server's refusal. */
  onAsk: (input: AskQuestionInput) => Promise<unknown>;
  /** Ticks "I am in the room" until the person chooses: they were admitted at the door today (hybrid switch). */
  inRoomByDefault?: boolean;
}

/**
 * Asks a question: a counter up to the contract's limit, the anonymous choice only where the session allows it,
 * and "I am in the room". One client id per draft: sending the same draft again (after a failure) can never
 * store it twice.
 */
export function AskQuestionForm({ settings, onAsk, inRoomByDefault = false }: AskQuestionFormProps) {
  const { t } = useLiveTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  // Null: follows `inRoomByDefault` (the door check-in may arrive while the form is open); then the person's choice.
  const [inRoomChoice, setInRoom] = useState<boolean | null>(null);
  const inRoom = inRoomChoice ?? inRoomByDefault;
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const length = questionLength(text);
  const remaining = QUESTION_MAX_LENGTH - length;
  const tooLong = remaining < 0;
  const moderated = settings.qaMode === 'pre_moderated';
  const fieldId = `${id}-question`;
  const counterId = `${id}-counter`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const shownError = tooLong ? t('ask.tooLong', { count: -remaining, max: QUESTION_MAX_LENGTH }) : error;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setSent(null);
    if (length < QUESTION_MIN_LENGTH) {
      setError(t('ask.tooShort', { min: QUESTION_MIN_LENGTH }));
      return;
    }
    if (tooLong) return;
    setError(null);
    setPending(true);
    try {
      await onAsk({
        clientId,
        text: cleanText(text),
        anonymous: settings.anonymousAllowed && anonymous,
        source: inRoom ? 'room' : 'remote',
      });
      setText('');
      setAnonymous(false);
      setClientId(newClientId());
      setSent(moderated ? t('ask.sentModerated') : t('ask.sent'));
    } catch (failure) {
      // The same draft keeps its id (a retry is stored once), unless the id itself was the problem.
      if (failure instanceof LiveAckError && failure.code === 'engagement/id-conflict')
        setClientId(newClientId());
      setError(describeLiveError(failure, t));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="lv-ask" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <div className={classNames('pl-field', Boolean(shownError) && 'pl-field--invalid')}>
        <label htmlFor={fieldId} className="pl-field__label">
          {t('ask.label')}
        </label>
        <p id={hintId} className="pl-field__hint">
          {moderated ? t('ask.hintModerated') : t('ask.hintOpen')}
        </p>
        <textarea
          id={fieldId}
          className="pl-input pl-input--multiline lv-ask__input"
          rows={3}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
            setSent(null);
          }}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={[hintId, counterId, shownError ? errorId : null].filter(Boolean).join(' ')}
        />
        <div className="lv-ask__meta">
          <p id={errorId} className="pl-field__error lv-ask__error" aria-live="polite">
            {shownError}
          </p>
          <p id={counterId} className={classNames('lv-ask__counter', tooLong && 'lv-ask__counter--over')}>
            <span aria-hidden="true">{t('ask.counter', { count: length, max: QUESTION_MAX_LENGTH })}</span>
            <span className="pl-visually-hidden">
              {t('ask.remaining', { count: Math.max(0, remaining) })}
            </span>
          </p>
        </div>
      </div>
      {settings.anonymousAllowed && (
        <CheckboxField
          id={`${id}-anonymous`}
          label={t('ask.anonymous')}
          hint={t('ask.anonymousHint')}
          checked={anonymous}
          onChange={(event) => setAnonymous(event.target.checked)}
        />
      )}
      <CheckboxField
        id={`${id}-room`}
        label={t('ask.inRoom')}
        checked={inRoom}
        onChange={(event) => setInRoom(event.target.checked)}
      />
      <div className="lv-ask__actions">
        <Button type="submit" aria-disabled={pending || tooLong ? true : undefined}>
          {pending ? t('ask.sending') : t('ask.submit')}
        </Button>
        <p className="lv-ask__sent" role="status">
          {sent}
        </p>
      </div>
    </form>
  );
}
