import { POLL_MAX_OPTIONS, cleanText } from '@plenary/contracts';
import type { PollKind, ResultVisibility } from '@plenary/contracts';
import { LiveAckError, newClientId, useCreatePoll } from '@plenary/web-data-access';
import { Button, CheckboxField, RadioGroup, SelectField, TextField } from '@plenary/web-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';

export const POLL_MIN_OPTIONS = 2;
const POLL_QUESTION_MIN = 3;
const POLL_QUESTION_MAX = 300;
const POLL_OPTION_MAX = 120;

/**
 * Builds a poll (question, one or several choices, 2–10 options, when results show, whether votes may change)
 * and creates it as a draft, to be opened from the poll list.
 */
export function PollBuilder({ sessionId }: { sessionId: string }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const create = useCreatePoll(sessionId);
  const [question, setQuestion] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [visibility, setVisibility] = useState<ResultVisibility>('live');
  const [allowChange, setAllowChange] = useState(false);
  const [clientId, setClientId] = useState(newClientId);
  const [errors, setErrors] = useState<{ question?: string; options?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  const setOption = (index: number, value: string) =>
    setOptions((current) => current.map((option, i) => (i === index ? value : option)));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    setDone(null);
    const cleanedQuestion = cleanText(question);
    const filled = options.map(cleanText).filter((option) => option.length > 0);
    const nextErrors: typeof errors = {};
    if (cleanedQuestion.length < POLL_QUESTION_MIN) nextErrors.question = t('moderate.builder.errorQuestion');
    if (filled.length < POLL_MIN_OPTIONS) {
      nextErrors.options = t('moderate.builder.errorOptions', { min: POLL_MIN_OPTIONS });
    }
    setErrors(nextErrors);
    if (nextErrors.question || nextErrors.options) return;
    create.mutate(
      { clientId, question: cleanedQuestion, kind, options: filled, visibility, allowChange },
      {
        onSuccess: () => {
          setQuestion('');
          setOptions(['', '']);
          setClientId(newClientId());
          setDone(t('moderate.builder.created'));
        },
        onError: (failure) => {
          if (failure instanceof LiveAckError && failure.code === 'engagement/id-conflict') {
            setClientId(newClientId());
          }
          setErrors({ form: describeLiveError(failure, t) });
        },
      },
    );
  };

  return (
    <form className="lv-form lv-builder" onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="lv-console__subtitle">
        {t('moderate.builder.title')}
      </h3>
      <TextField
        id={`${id}-question`}
        label={t('moderate.builder.question')}
        value={question}
        maxLength={POLL_QUESTION_MAX}
        error={errors.question}
        onChange={(event) => setQuestion(event.target.value)}
      />
      <RadioGroup<PollKind>
        id={`${id}-kind`}
        name={`${id}-kind`}
        legend={t('moderate.builder.kind')}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'single', label: t('moderate.builder.kindSingle') },
          { value: 'multiple', label: t('moderate.builder.kindMultiple') },
        ]}
      />
      <fieldset className="pl-field pl-fieldset lv-builder__options" aria-describedby={`${id}-options-hint`}>
        <legend className="pl-field__label">{t('moderate.builder.options')}</legend>
        <p id={`${id}-options-hint`} className="pl-field__hint">
          {t('moderate.builder.optionsHint', { min: POLL_MIN_OPTIONS, max: POLL_MAX_OPTIONS })}
        </p>
        {errors.options && (
          <p className="pl-field__error" role="alert">
            {errors.options}
          </p>
        )}
        <ol className="lv-builder__option-list">
          {options.map((option, index) => (
            <li key={index} className="lv-builder__option">
              <label htmlFor={`${id}-option-${index}`} className="pl-visually-hidden">
                {t('moderate.builder.option', { number: index + 1 })}
              </label>
              <input
                id={`${id}-option-${index}`}
                className="pl-input"
                value={option}
                maxLength={POLL_OPTION_MAX}
                placeholder={t('moderate.builder.option', { number: index + 1 })}
                onChange={(event) => setOption(index, event.target.value)}
              />
              {options.length > POLL_MIN_OPTIONS && (
                <Button
                  variant="quiet"
                  className="lv-builder__remove"
                  aria-label={t('moderate.builder.removeOption', { number: index + 1 })}
                  onClick={() => setOptions((current) => current.filter((_, i) => i !== index))}
                >
                  <span aria-hidden="true">×</span>
                </Button>
              )}
            </li>
          ))}
        </ol>
        {options.length < POLL_MAX_OPTIONS && (
          <Button variant="secondary" onClick={() => setOptions((current) => [...current, ''])}>
            {t('moderate.builder.addOption')}
          </Button>
        )}
      </fieldset>
      <SelectField
        id={`${id}-visibility`}
        label={t('moderate.builder.visibility')}
        value={visibility}
        onChange={(event) => setVisibility(event.target.value as ResultVisibility)}
      >
        <option value="live">{t('moderate.builder.visibilityLive')}</option>
        <option value="after_vote">{t('moderate.builder.visibilityAfterVote')}</option>
        <option value="after_close">{t('moderate.builder.visibilityAfterClose')}</option>
      </SelectField>
      <CheckboxField
        id={`${id}-change`}
        label={t('moderate.builder.allowChange')}
        checked={allowChange}
        onChange={(event) => setAllowChange(event.target.checked)}
      />
      {errors.form && (
        <p className="pl-field__error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="lv-form__actions">
        <Button type="submit" aria-disabled={create.isPending ? true : undefined}>
          {t('moderate.builder.create')}
        </Button>
        <p className="lv-form__status" role="status">
          {done}
        </p>
      </div>
    </form>
  );
}
