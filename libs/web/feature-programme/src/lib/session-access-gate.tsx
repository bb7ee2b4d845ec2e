import type { RegistrationStatus } from '@plenary/contracts';
import { ApiRequestError, findMembership, useMe, useSessionAccess } from '@plenary/web-data-access';
import { Button, LinkButton, LockIcon, RegistrationStatusBadge } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

/** Whether the person may follow a session live, and if not, why. */
export type SessionGate =
  | { kind: 'granted' }
  | { kind: 'checking' }
  | { kind: 'signed-out' }
  | { kind: 'not-registered' }
  | { kind: 'not-approved'; status: RegistrationStatus | null }
  | { kind: 'error'; retry: () => void };

/** Asks the API whether the signed-in person (if any) may follow the session's live stage and Q&A. */
export function useSessionGate(slug: string, sessionId: string): SessionGate {
  const access = useSessionAccess(slug, sessionId);
  const me = useMe();
  if (access.data) return { kind: 'granted' };
  if (access.isPending) return { kind: 'checking' };
  const error = access.error;
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return { kind: 'signed-out' };
    if (error.code === 'registration/not-registered') return { kind: 'not-registered' };
    if (error.code === 'registration/not-approved') {
      return { kind: 'not-approved', status: findMembership(me.data, slug)?.registration?.status ?? null };
    }
  }
  return { kind: 'error', retry: () => void access.refetch() };
}

export interface SessionGateMessageProps {
  gate: Exclude<SessionGate, { kind: 'granted' }>;
  eventSlug: string;
  sessionId: string;
}

/**
 * What the live stage shows to someone who may not follow it: "for registered participants" with Register
 * and "Already registered? Access here" (signed out), or the registration's status (signed in).
 */
export function SessionGateMessage({ gate, eventSlug, sessionId }: SessionGateMessageProps) {
  const { t } = useProgrammeTranslation();
  const base = `/e/${eventSlug}`;
  const here = `${base}/sessions/${sessionId}`;

  switch (gate.kind) {
    case 'checking':
      return (
        <p className="pp-stage__message" role="status">
          {t('session.gate.loading')}
        </p>
      );
    case 'signed-out':
      return (
        <div className="pp-gate">
          <LockIcon width={32} height={32} />
          <h3 className="pp-gate__title">{t('session.gate.signedOut.title')}</h3>
          <p className="pp-stage__message">{t('session.gate.signedOut.message')}</p>
          <div className="pp-gate__actions">
            <LinkButton to={`${base}/register`}>{t('actions.register')}</LinkButton>
            <LinkButton to={`${base}/access?next=${encodeURIComponent(here)}`} variant="secondary">
              {t('actions.access')}
            </LinkButton>
          </div>
        </div>
      );
    case 'not-registered':
      return (
        <div className="pp-gate">
          <LockIcon width={32} height={32} />
          <h3 className="pp-gate__title">{t('session.gate.notRegistered.title')}</h3>
          <p className="pp-stage__message">{t('session.gate.notRegistered.message')}</p>
          <div className="pp-gate__actions">
            <LinkButton to={`${base}/register`}>{t('actions.register')}</LinkButton>
          </div>
        </div>
      );
    case 'not-approved':
      return (
        <div className="pp-gate">
          <LockIcon width={32} height={32} />
          <h3 className="pp-gate__title">{t('session.gate.notApproved.title')}</h3>
          {gate.status && (
            <p className="pp-gate__status">
              {t('session.gate.statusLabel')}{' '}
              <RegistrationStatusBadge status={gate.status}>
                {t(`session.gate.status.${gate.status}`)}
              </RegistrationStatusBadge>
            </p>
          )}
          <p className="pp-stage__message">{t('session.gate.notApproved.message')}</p>
          <div className="pp-gate__actions">
            <LinkButton to={`${base}/ticket`} variant="secondary">
              {t('session.gate.seeStatus')}
            </LinkButton>
          </div>
        </div>
      );
    case 'error':
      return (
        <div className="pp-gate" role="alert">
          <p className="pp-stage__message">{t('session.gate.error')}</p>
          <div className="pp-gate__actions">
            <Button variant="secondary" onClick={gate.retry}>
              {t('errors.retry')}
            </Button>
          </div>
        </div>
      );
  }
}
