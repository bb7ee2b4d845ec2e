import type { HandEntry, StageState } from '@plenary/contracts';
import {
  useChangeStage,
  useModerateParticipant,
  useStage,
  useStageHands,
  useStageSignals,
  type ParticipantAction,
  type StageTransition,
} from '@plenary/web-data-access';
import { Badge, Button } from '@plenary/web-ui';
import { useId, useState } from 'react';
import { ConfirmButton } from './confirm-button';
import { describeStageError, useStageTranslation } from './stage-i18n';

export interface StageControlsProps {
  eventSlug: string;
  sessionId: string;
  /** The heading level of the panel's title (2 in the console, 3 under the stage). */
  headingLevel?: 2 | 3;
  /** Rendered away from the room (the console): say where the participants list is. */
  participantsElsewhere?: boolean;
}

/** The last action's outcome, announced politely (success) or as an alert (failure). */
type Outcome = { ok: true } | { ok: false; message: string } | null;

/**
 * The moderator's stage controls: open the backstage, go live, end (asked twice), recording where available, and
 * the raise-hand queue with invite / take off stage. Every failure the server reports — a LiveKit call that still
 * failed after its retries included — is shown with its meaning, never swallowed.
 */
export function StageControls({
  eventSlug,
  sessionId,
  headingLevel = 3,
  participantsElsewhere = false,
}: StageControlsProps) {
  const { t } = useStageTranslation();
  const titleId = useId();
  useStageSignals(eventSlug, sessionId);
  const stage = useStage(eventSlug, sessionId).data;
  const change = useChangeStage(eventSlug, sessionId);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';

  const run = (transition: StageTransition) => {
    setOutcome(null);
    change.mutate(transition, {
      onSuccess: () => setOutcome({ ok: true }),
      onError: (error) => setOutcome({ ok: false, message: describeStageError(error, t) }),
    });
  };

  return (
    <section className="st-controls" aria-labelledby={titleId}>
      <div className="st-controls__head">
        <Heading id={titleId} className="st-controls__title">
          {t('controls.title')}
        </Heading>
        {stage && <StateBadge stage={stage} />}
      </div>
      {stage && (
        <div className="st-controls__actions">
          {stage.state === 'scheduled' && !stage.backstageOpen && (
            <Button variant="secondary" onClick={() => run('backstage')} disabled={change.isPending}>
              {t('controls.openBackstage')}
            </Button>
          )}
          {stage.state === 'scheduled' && (
            <Button onClick={() => run('live')} disabled={change.isPending}>
              {t('controls.goLive')}
            </Button>
          )}
          {stage.state === 'live' && stage.recordingAvailable && (
            <Button
              variant="secondary"
              onClick={() => run(stage.recording ? 'stop-recording' : 'record')}
              disabled={change.isPending}
            >
              {stage.recording ? t('controls.recording.stop') : t('controls.recording.start')}
            </Button>
          )}
          {stage.state !== 'ended' && (
            <ConfirmButton
              label={t('controls.end')}
              question={t('controls.endConfirm')}
              confirmLabel={t('controls.confirm')}
              onConfirm={() => run('end')}
              disabled={change.isPending}
            />
          )}
          {/* Ending again retries closing the rooms when LiveKit failed the first time. */}
          {stage.state === 'ended' && outcome?.ok === false && (
            <Button variant="secondary" onClick={() => run('end')} disabled={change.isPending}>
              {t('controls.endRetry')}
            </Button>
          )}
        </div>
      )}
      {stage && stage.state === 'live' && !stage.recordingAvailable && (
        <p className="st-muted">
          {stage.confidential ? t('controls.recording.confidential') : t('controls.recording.unavailable')}
        </p>
      )}
      <OutcomeMessage outcome={outcome} />
      {stage?.state === 'live' && <HandsQueue eventSlug={eventSlug} sessionId={sessionId} />}
      {participantsElsewhere && stage && stage.state !== 'ended' && (
        <p className="st-muted">{t('controls.participants.notConnected')}</p>
      )}
    </section>
  );
}

function StateBadge({ stage }: { stage: StageState }) {
  const { t } = useStageTranslation();
  const label =
    stage.state === 'scheduled'
      ? stage.backstageOpen
        ? t('controls.state.scheduledOpen')
        : t('controls.state.scheduled')
      : t(`controls.state.${stage.state}`);
  return (
    <p className="st-controls__state">
      <span className="pl-visually-hidden">{t('controls.state.label')}: </span>
      <Badge tone={stage.state === 'live' ? 'live' : 'neutral'} dot={stage.state === 'live'}>
        {label}
      </Badge>
      {stage.recording && <Badge tone="accent">{t('controls.recording.on')}</Badge>}
    </p>
  );
}

export function OutcomeMessage({ outcome }: { outcome: Outcome }) {
  const { t } = useStageTranslation();
  return (
    <>
      <p className="pl-visually-hidden" role="status">
        {outcome?.ok ? t('controls.done') : ''}
      </p>
      {outcome && !outcome.ok && (
        <p className="st-error" role="alert">
          {t('controls.failed', { message: outcome.message })}
        </p>
      )}
    </>
  );
}

/** The raise-hand queue, oldest first; refetched when the live service says it changed. */
function HandsQueue({ eventSlug, sessionId }: { eventSlug: string; sessionId: string }) {
  const { t } = useStageTranslation();
  const titleId = useId();
  const hands = useStageHands(eventSlug, sessionId);
  const moderate = useModerateParticipant(eventSlug, sessionId);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const act = (action: ParticipantAction) => {
    setOutcome(null);
    moderate.mutate(action, {
      onSuccess: () => setOutcome({ ok: true }),
      onError: (error) => setOutcome({ ok: false, message: describeStageError(error, t) }),
    });
  };

  return (
    <section className="st-hands" aria-labelledby={titleId}>
      <h4 id={titleId} className="st-controls__subtitle">
        {t('controls.hands.title')}
      </h4>
      {hands.isError && <p className="st-error">{describeStageError(hands.error, t)}</p>}
      {hands.data && hands.data.hands.length === 0 && <p className="st-muted">{t('controls.hands.empty')}</p>}
      {hands.data && hands.data.hands.length > 0 && (
        <ul className="st-list">
          {hands.data.hands.map((hand) => (
            <HandItem key={hand.identity} hand={hand} busy={moderate.isPending} onAct={act} />
          ))}
        </ul>
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

function HandItem({
  hand,
  busy,
  onAct,
}: {
  hand: HandEntry;
  busy: boolean;
  onAct: (action: ParticipantAction) => void;
}) {
  const { t } = useStageTranslation();
  return (
    <li className="st-list__item">
      <span className="st-list__name">{hand.name}</span>
      <Badge tone={hand.status === 'on_stage' ? 'accent' : 'neutral'}>
        {t(`controls.hands.status.${hand.status}`)}
      </Badge>
      <span className="st-list__actions">
        {hand.status === 'raised' && (
          <Button
            variant="secondary"
            disabled={busy}
            onClick={() => onAct({ kind: 'invite', identity: hand.identity })}
          >
            {t('controls.hands.invite', { name: hand.name })}
          </Button>
        )}
        {hand.status !== 'raised' && (
          <Button
            variant="quiet"
            disabled={busy}
            onClick={() => onAct({ kind: 'demote', identity: hand.identity })}
          >
            {t('controls.hands.demote', { name: hand.name })}
          </Button>
        )}
      </span>
    </li>
  );
}

/** The stage controls as the moderator console shows them (away from the room). */
export function ConsoleStageControls(props: Omit<StageControlsProps, 'participantsElsewhere'>) {
  return <StageControls {...props} participantsElsewhere />;
}
