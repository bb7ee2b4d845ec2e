import { QUESTION_MAX_LENGTH, cleanText } from '@plenary/contracts';
import type { QuestionView } from '@plenary/contracts';
import { useEditQuestion, useWithdrawQuestion } from '@plenary/web-data-access';
import { Button } from '@plenary/web-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { QUESTION_MIN_LENGTH } from './ask-question-form';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';
import { QuestionStatusBadge, QuestionText } from './question-parts';

/** One of the viewer's own questions: its status, and edit or withdraw while it waits for review. */
export function MyQuestionItem({ question }: { question: QuestionView }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const edit = useEditQuestion();
  const withdraw = useWithdrawQuestion();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-withdraw'>('view');
  const [draft, setDraft] = useState(question.text);
  const [error, setError] = useState<string | null>(null);
  const pending = question.status === 'pending';
  const activeMode = pending ? mode : 'view';

  const handleSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = cleanText(draft);
    if (text.length < QUESTION_MIN_LENGTH) return setError(t('ask.tooShort', { min: QUESTION_MIN_LENGTH }));
    if (text.length > QUESTION_MAX_LENGTH) {
      return setError(
        t('ask.tooLong', { count: text.length - QUESTION_MAX_LENGTH, max: QUESTION_MAX_LENGTH }),
      );
    }
    edit.mutate(
      { questionId: question.id, text },
      {
        onSuccess: () => {
          setMode('view');
          setError(null);
        },
        onError: (failure) => setError(describeLiveError(failure, t)),
      },
    );
  };

  return (
    <li className="lv-question lv-question--mine">
      <div className="lv-question__head">
        <QuestionStatusBadge status={question.status} />
        {question.anonymous && <span className="lv-question__meta">{t('question.anonymous')}</span>}
      </div>
      {activeMode === 'edit' ? (
        <form className="lv-question__edit" onSubmit={handleSave} noValidate>
          <label htmlFor={`${id}-edit`} className="pl-field__label">
            {t('question.editLabel')}
          </label>
          <textarea
            id={`${id}-edit`}
            className="pl-input pl-input--multiline"
            rows={3}
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
          />
          <div className="lv-question__actions">
            <Button type="submit" aria-disabled={edit.isPending ? true : undefined}>
              {t('question.save')}
            </Button>
            <Button variant="quiet" onClick={() => setMode('view')}>
              {t('question.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <QuestionText text={question.text} />
      )}
      {activeMode === 'view' && pending && (
        <div className="lv-question__actions">
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(question.text);
              setMode('edit');
            }}
          >
            {t('question.edit')}
          </Button>
          <Button variant="quiet" onClick={() => setMode('confirm-withdraw')}>
            {t('question.withdraw')}
          </Button>
        </div>
      )}
      {activeMode === 'confirm-withdraw' && (
        <div className="lv-question__confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>{t('question.withdrawConfirm')}</p>
          <div className="lv-question__actions">
            <Button
              variant="secondary"
              onClick={() =>
                withdraw.mutate(
                  { questionId: question.id },
                  { onError: (failure) => setError(describeLiveError(failure, t)) },
                )
              }
            >
              {t('question.withdrawYes')}
            </Button>
            <Button variant="quiet" onClick={() => setMode('view')}>
              {t('question.keep')}
            </Button>
          </div>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="pl-field__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
