import type { PollView } from '@plenary/contracts';
import { usePollTransition } from '@plenary/web-data-access';
import { Badge, Button } from '@plenary/web-ui';
import { useId, useState } from 'react';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';
import { PollResultsChart } from './poll-results-chart';

/** The session's polls, newest first: open a draft, close an open poll, and follow the results live. */
export function PollLauncher({ polls, labelledBy }: { polls: PollView[]; labelledBy?: string }) {
  const { t } = useLiveTranslation();
  const newestFirst = [...polls].reverse();
  return (
    <div className="lv-launcher">
      {newestFirst.length === 0 ? (
        <p className="lv-queue__empty">{t('moderate.polls.empty')}</p>
      ) : (
        <ul className="lv-launcher__list" aria-labelledby={labelledBy}>
          {newestFirst.map((poll) => (
            <LauncherItem key={poll.id} poll={poll} />
          ))}
        </ul>
      )}
    </div>
  );
}

function LauncherItem({ poll }: { poll: PollView }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const transition = usePollTransition();
  const [error, setError] = useState<string | null>(null);
  const move = (to: 'open' | 'closed') => {
    if (transition.isPending) return;
    setError(null);
    transition.mutate(
      { pollId: poll.id, to },
      { onError: (failure) => setError(describeLiveError(failure, t)) },
    );
  };
  return (
    <li className="lv-poll lv-poll--moderator">
      <div className="lv-poll__head">
        <h4 id={`${id}-question`} className="lv-poll__question">
          {poll.question}
        </h4>
        <Badge
          tone={poll.state === 'open' ? 'live' : poll.state === 'draft' ? 'accent' : 'muted'}
          dot={poll.state === 'open'}
        >
          {t(`poll.state.${poll.state}`)}
        </Badge>
      </div>
      <p className="lv-question__meta">
        {t(`poll.kind.${poll.kind}`)} · {t(`moderate.polls.visibility.${poll.visibility}`)}
      </p>
      {poll.state === 'draft' ? (
        <ul className="lv-launcher__options" aria-labelledby={`${id}-question`}>
          {poll.options.map((option) => (
            <li key={option.id}>{option.label}</li>
          ))}
        </ul>
      ) : (
        poll.results && <PollResultsChart poll={poll} results={poll.results} labelledBy={`${id}-question`} />
      )}
      {error && (
        <p className="pl-field__error" role="alert">
          {error}
        </p>
      )}
      {poll.state !== 'closed' && (
        <div className="lv-form__actions">
          <Button
            variant={poll.state === 'draft' ? 'primary' : 'secondary'}
            aria-disabled={transition.isPending ? true : undefined}
            onClick={() => move(poll.state === 'draft' ? 'open' : 'closed')}
          >
            {poll.state === 'draft' ? t('moderate.polls.open') : t('moderate.polls.close')}
          </Button>
        </div>
      )}
    </li>
  );
}
