import { Button, LinkButton } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import { useCheckinTranslation, useFormatLocale, formatTime } from './checkin-i18n';
import type { ScanOutcome } from './checkin-station';
import { verdictColour } from './feedback';

export interface VerdictScreenProps {
  outcome: ScanOutcome;
  badgeHref: string | null;
  onNext: () => void;
  onUndo: () => Promise<void>;
  now?: () => number;
}

/** Full-screen verdict, readable at arm's length: green, yellow or red, the person, and what to do next. */
export function VerdictScreen({ outcome, badgeHref, onNext, onUndo, now = Date.now }: VerdictScreenProps) {
  const { t } = useCheckinTranslation();
  const locale = useFormatLocale();
  const colour = verdictColour(outcome.verdict);
  const nextRef = useRef<HTMLButtonElement>(null);
  const [undo, setUndo] = useState<'idle' | 'busy' | 'done' | { failed: string }>('idle');
  const [, setTick] = useState(0);

  useEffect(() => nextRef.current?.focus(), []);
  // Re-render when the undo window closes.
  useEffect(() => {
    if (!outcome.undoableUntil) return;
    const left = Date.parse(outcome.undoableUntil) - now();
    if (left <= 0) return;
    const timer = setTimeout(() => setTick((value) => value + 1), left + 50);
    return () => clearTimeout(timer);
  }, [outcome.undoableUntil, now]);

  const canUndo =
    outcome.verdict === 'admitted' &&
    undo !== 'done' &&
    (outcome.source === 'device' ||
      (outcome.undoableUntil !== null && Date.parse(outcome.undoableUntil) > now()));

  const handleUndo = async () => {
    setUndo('busy');
    try {
      await onUndo();
      setUndo('done');
    } catch (error) {
      setUndo({ failed: error instanceof Error ? error.message : String(error) });
    }
  };

  const attendee = outcome.attendee;
  const detail = (() => {
    switch (outcome.verdict) {
      case 'admitted':
        return null;
      case 'already_checked_in':
        return outcome.firstCheckin
          ? [
              t('verdict.firstCheckin', {
                time: formatTime(outcome.firstCheckin.at, locale),
                gate: outcome.firstCheckin.gate,
              }),
              outcome.firstCheckin.deviceName
                ? t('verdict.firstCheckinDevice', { device: outcome.firstCheckin.deviceName })
                : null,
            ]
              .filter(Boolean)
              .join(' ')
          : null;
      case 'invalid':
        return outcome.reason ? t(`verdict.reason.${outcome.reason}`) : null;
      case 'revoked':
        return t('verdict.revokedMessage');
      case 'not_approved':
        return t('verdict.notApprovedMessage', {
          status: t(`registrationStatus.${attendee?.status ?? 'pending'}`),
        });
      case 'wrong_event':
        return t('verdict.wrongEventMessage');
    }
  })();

  return (
    <section
      className={`ck-verdict ck-verdict--${colour}`}
      role="alert"
      aria-labelledby="ck-verdict-title"
      data-verdict={outcome.verdict}
    >
      <div className="ck-verdict__body">
        <h2 id="ck-verdict-title" className="ck-verdict__title">
          {undo === 'done' ? t('verdict.undone') : t(`verdict.title.${outcome.verdict}`)}
        </h2>
        {attendee && (
          <div className="ck-verdict__person">
            <p className="ck-verdict__name">{attendee.name}</p>
            {attendee.organisation && <p className="ck-verdict__organisation">{attendee.organisation}</p>}
            <p className="ck-verdict__roles">
              {attendee.roles.map((role) => t(`role.${role}`)).join(' · ')}
              {' · '}
              {t(`attendance.${attendee.attendance}`)}
            </p>
          </div>
        )}
        {detail && <p className="ck-verdict__detail">{detail}</p>}
        {outcome.source === 'device' && <p className="ck-verdict__note">{t('verdict.offline')}</p>}
        {typeof undo === 'object' && (
          <p className="ck-verdict__note">{t('verdict.undoFailed', { message: undo.failed })}</p>
        )}
      </div>
      <div className="ck-verdict__actions">
        <Button ref={nextRef} size="lg" className="ck-verdict__next" onClick={onNext}>
          {t('verdict.next')}
        </Button>
        {canUndo && (
          <Button variant="secondary" size="lg" disabled={undo === 'busy'} onClick={() => void handleUndo()}>
            {t('verdict.undo')}
          </Button>
        )}
        {badgeHref && attendee && outcome.verdict === 'admitted' && undo !== 'done' && (
          <LinkButton variant="secondary" size="lg" to={badgeHref}>
            {t('verdict.printBadge')}
          </LinkButton>
        )}
      </div>
    </section>
  );
}
