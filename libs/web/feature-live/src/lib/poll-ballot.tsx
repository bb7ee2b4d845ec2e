import type { PollView } from '@plenary/contracts';
import { useVotePoll } from '@plenary/web-data-access';
import { Badge, Button } from '@plenary/web-ui';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';
import { PollResultsChart } from './poll-results-chart';

export interface PollBallotProps {
  sessionId: string;
  poll: PollView;
}

/**
 * One poll for a participant: the question, a vote (radio buttons or checkboxes), the own vote once cast (with
 * "change" where allowed), and the results as far as the poll shows them.
 */
export function PollBallot({ sessionId, poll }: PollBallotProps) {
  const { t } = useLiveTranslation();
  const id = useId();
  const vote = useVotePoll(sessionId);
  const [choice, setChoice] = useState<string[]>(poll.myVote ?? []);
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const voted = poll.myVote !== null && poll.myVote.length > 0;
  const canVote = poll.state === 'open' && (!voted || (poll.allowChange && changing));
  const titleId = `${id}-title`;
  const myChoices = poll.options
    .filter((option) => poll.myVote?.includes(option.id))
    .map((option) => option.label)
    .join(', ');

  const toggle = (optionId: string, checked: boolean) => {
    setError(null);
    if (poll.kind === 'single') return setChoice([optionId]);
    setChoice((current) =>
      checked
        ? [...current.filter((idValue) => idValue !== optionId), optionId]
        : current.filter((v) => v !== optionId),
    );
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (vote.isPending) return;
    // Options in the poll's order, so the ballot is the same whichever box was ticked first.
    const optionIds = poll.options.map((option) => option.id).filter((optionId) => choice.includes(optionId));
    if (optionIds.length === 0) return setError(t('poll.chooseOne'));
    vote.mutate(
      { pollId: poll.id, optionIds },
      {
        onSuccess: () => setChanging(false),
        onError: (failure) => setError(describeLiveError(failure, t)),
      },
    );
  };

  return (
    <article className="lv-poll" aria-labelledby={titleId}>
      <div className="lv-poll__head">
        <h4 id={titleId} className="lv-poll__question">
          {poll.question}
        </h4>
        <Badge tone={poll.state === 'open' ? 'live' : 'muted'} dot={poll.state === 'open'}>
          {t(`poll.state.${poll.state}`)}
        </Badge>
      </div>

      {canVote ? (
        <form className="lv-poll__form" onSubmit={handleSubmit} noValidate>
          <fieldset className="lv-poll__options" aria-describedby={error ? `${id}-error` : undefined}>
            <legend className="lv-poll__legend">{t(`poll.kind.${poll.kind}`)}</legend>
            {poll.options.map((option) => (
              <div key={option.id} className="pl-choice lv-poll__option">
                <input
                  id={`${id}-${option.id}`}
                  className="pl-choice__control"
                  type={poll.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`${id}-choice`}
                  value={option.id}
                  checked={choice.includes(option.id)}
                  onChange={(event) => toggle(option.id, event.target.checked)}
                />
                <label htmlFor={`${id}-${option.id}`} className="pl-choice__label">
                  {option.label}
                </label>
              </div>
            ))}
          </fieldset>
          {error && (
            <p id={`${id}-error`} className="pl-field__error" role="alert">
              {error}
            </p>
          )}
          <div className="lv-poll__actions">
            <Button type="submit" aria-disabled={vote.isPending ? true : undefined}>
              {vote.isPending ? t('poll.voting') : t('poll.vote')}
            </Button>
            {changing && (
              <Button variant="quiet" onClick={() => setChanging(false)}>
                {t('question.cancel')}
              </Button>
            )}
          </div>
        </form>
      ) : (
        voted && (
          <div className="lv-poll__voted">
            <p role="status">{t('poll.yourVote', { choices: myChoices })}</p>
            {poll.state === 'open' && poll.allowChange && (
              <Button
                variant="secondary"
                onClick={() => {
                  setChoice(poll.myVote ?? []);
                  setChanging(true);
                }}
              >
                {t('poll.changeVote')}
              </Button>
            )}
          </div>
        )
      )}

      {poll.results ? (
        <PollResultsChart poll={poll} results={poll.results} myVote={poll.myVote} labelledBy={titleId} />
      ) : (
        <p className="lv-poll__hint">
          {poll.state === 'closed'
            ? t('poll.noResults')
            : poll.visibility === 'after_vote' && !voted
              ? t('poll.resultsAfterVote')
              : t('poll.resultsAfterClose')}
        </p>
      )}
    </article>
  );
}
