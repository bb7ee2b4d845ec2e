import { useParticipants } from '@livekit/components-react';
import type { MediaRoom } from '@plenary/contracts';
import { useModerateParticipant, type ParticipantAction } from '@plenary/web-data-access';
import { Button } from '@plenary/web-ui';
import { Track, type Participant } from 'livekit-client';
import { useId, useState } from 'react';
import { ConfirmButton } from './confirm-button';
import { OutcomeMessage } from './stage-controls';
import { describeStageError, useStageTranslation } from './stage-i18n';

type Outcome = { ok: true } | { ok: false; message: string } | null;

/**
 * The moderator's view of who is connected to the room: mute a published microphone, remove (they may come back),
 * ban (asked twice; signs them out and keeps them out). Participants are named by the name in their token;
 * actions go to the api by identity. LiveKit failures are shown, never swallowed.
 */
export function StageParticipants({
  eventSlug,
  sessionId,
  mediaRoom,
}: {
  eventSlug: string;
  sessionId: string;
  mediaRoom: MediaRoom;
}) {
  const { t } = useStageTranslation();
  const titleId = useId();
  const participants = useParticipants();
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
    <section className="st-participants" aria-labelledby={titleId}>
      <h3 id={titleId} className="st-controls__subtitle">
        {t('controls.participants.title')}
      </h3>
      {participants.length === 0 ? (
        <p className="st-muted">{t('controls.participants.empty')}</p>
      ) : (
        <ul className="st-list">
          {participants.map((participant) => (
            <ParticipantItem
              key={participant.identity}
              participant={participant}
              room={mediaRoom}
              busy={moderate.isPending}
              onAct={act}
            />
          ))}
        </ul>
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

function ParticipantItem({
  participant,
  room,
  busy,
  onAct,
}: {
  participant: Participant;
  room: MediaRoom;
  busy: boolean;
  onAct: (action: ParticipantAction) => void;
}) {
  const { t } = useStageTranslation();
  const name = participant.name || t('controls.participants.unnamed');
  const microphone = participant.getTrackPublication(Track.Source.Microphone);
  const identity = participant.identity;
  return (
    <li className="st-list__item">
      <span className="st-list__name">
        {name} {participant.isLocal && <span className="st-muted">{t('controls.participants.you')}</span>}
      </span>
      {!participant.isLocal && (
        <span className="st-list__actions">
          {microphone?.trackSid && !microphone.isMuted && (
            <Button
              variant="quiet"
              disabled={busy}
              onClick={() => onAct({ kind: 'mute', identity, trackSid: microphone.trackSid, room })}
            >
              {t('controls.participants.mute', { name })}
            </Button>
          )}
          <ConfirmButton
            variant="quiet"
            label={t('controls.participants.remove', { name })}
            question={t('controls.participants.removeConfirm', { name })}
            confirmLabel={t('controls.participants.confirmRemove')}
            onConfirm={() => onAct({ kind: 'remove', identity, room })}
            disabled={busy}
          />
          <ConfirmButton
            variant="quiet"
            label={t('controls.participants.ban', { name })}
            question={t('controls.participants.banConfirm', { name })}
            confirmLabel={t('controls.participants.confirmBan')}
            onConfirm={() => onAct({ kind: 'ban', identity })}
            disabled={busy}
          />
        </span>
      )}
    </li>
  );
}
