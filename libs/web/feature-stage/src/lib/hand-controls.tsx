import { useChangeMyHand, useMyHand } from '@plenary/web-data-access';
import { Button } from '@plenary/web-ui';
import { useState } from 'react';
import { describeStageError, useStageTranslation } from './stage-i18n';

/**
 * Raise or lower a hand; when a moderator invites (pushed at once by the live service), accept or decline. After
 * accepting, LiveKit grants camera and microphone to this connection and the device controls appear.
 */
export function HandControls({ eventSlug, sessionId }: { eventSlug: string; sessionId: string }) {
  const { t } = useStageTranslation();
  const hand = useMyHand(eventSlug, sessionId);
  const change = useChangeMyHand(eventSlug, sessionId);
  const [error, setError] = useState<string | null>(null);
  const status = hand.data?.status;
  if (!status) return null;

  const act = (action: 'raise' | 'lower' | 'accept') => {
    setError(null);
    change.mutate(action, { onError: (reason) => setError(describeStageError(reason, t)) });
  };

  return (
    <div className="st-hand">
      <p className="st-hand__status" role="status">
        {status === 'raised' && t('hand.raised')}
        {status === 'invited' && t('hand.invited')}
        {status === 'on_stage' && t('room.onStageHint')}
      </p>
      <div className="st-hand__actions">
        {status === 'none' && (
          <Button variant="secondary" onClick={() => act('raise')} disabled={change.isPending}>
            {t('hand.raise')}
          </Button>
        )}
        {status === 'raised' && (
          <Button variant="secondary" onClick={() => act('lower')} disabled={change.isPending}>
            {t('hand.lower')}
          </Button>
        )}
        {status === 'invited' && (
          <>
            <Button onClick={() => act('accept')} disabled={change.isPending}>
              {t('hand.accept')}
            </Button>
            <Button variant="quiet" onClick={() => act('lower')} disabled={change.isPending}>
              {t('hand.decline')}
            </Button>
          </>
        )}
      </div>
      {error && (
        <p className="st-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
