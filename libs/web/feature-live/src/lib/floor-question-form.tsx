import { QUESTION_MAX_LENGTH, cleanText } from '@plenary/contracts';
import { LiveAckError, newClientId, useEnterFloorQuestion } from '@plenary/web-data-access';
import { Button, RadioGroup, TextAreaField } from '@plenary/web-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { QUESTION_MIN_LENGTH } from './ask-question-form';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';

/** Moderators type in a question asked at the microphone or handed in; it is approved at once. */
export function FloorQuestionForm({ sessionId }: { sessionId: string }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const enter = useEnterFloorQuestion(sessionId);
  const [text, setText] = useState('');
  const [source, setSource] = useState<'floor' | 'room'>('floor');
  const [clientId, setClientId] = useState(newClientId);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (enter.isPending) return;
    setDone(null);
    const cleaned = cleanText(text);
    if (cleaned.length < QUESTION_MIN_LENGTH)
      return setError(t('ask.tooShort', { min: QUESTION_MIN_LENGTH }));
    if (cleaned.length > QUESTION_MAX_LENGTH) {
      return setError(
        t('ask.tooLong', { count: cleaned.length - QUESTION_MAX_LENGTH, max: QUESTION_MAX_LENGTH }),
      );
    }
    enter.mutate(
      { clientId, text: cleaned, source },
      {
        onSuccess: () => {
          setText('');
          setClientId(newClientId());
          setDone(t('moderate.floor.added'));
        },
        onError: (failure) => {
          if (failure instanceof LiveAckError && failure.code === 'engagement/id-conflict') {
            setClientId(newClientId());
          }
          setError(describeLiveError(failure, t));
        },
      },
    );
  };

  return (
    <section className="lv-console__card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lv-console__title">
        {t('moderate.floor.title')}
      </h2>
      <form className="lv-form" onSubmit={handleSubmit} noValidate>
        <TextAreaField
          id={`${id}-text`}
          label={t('moderate.floor.label')}
          hint={t('moderate.floor.hint')}
          error={error}
          rows={3}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <RadioGroup
          id={`${id}-source`}
          name={`${id}-source`}
          legend={t('moderate.floor.source')}
          value={source}
          onChange={setSource}
          options={[
            { value: 'floor', label: t('moderate.floor.sourceFloor') },
            { value: 'room', label: t('moderate.floor.sourceRoom') },
          ]}
        />
        <div className="lv-form__actions">
          <Button type="submit" aria-disabled={enter.isPending ? true : undefined}>
            {t('moderate.floor.submit')}
          </Button>
          <p className="lv-form__status" role="status">
            {done}
          </p>
        </div>
      </form>
    </section>
  );
}
