import type { Me } from '@plenary/contracts';
import { useMe } from '@plenary/web-data-access';
import { LinkButton, LoadingState, Notice, Skeleton } from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useOrganiserTranslation } from '../organiser-i18n';

/** Whether the person runs anything: an instance administrator, or an organiser of at least one event. */
export function mayManageEvents(me: Me | null | undefined): boolean {
  return Boolean(
    me && (me.isAdmin || me.memberships.some((membership) => membership.roles.includes('organiser'))),
  );
}

/** The console's gate outside an event: signed out → sign in (and back); no organiser role anywhere → a refusal. */
export function ManageGate({ path, children }: { path: string; children: (me: Me) => ReactNode }) {
  const { t } = useOrganiserTranslation();
  const me = useMe();
  if (me.isPending) {
    return (
      <LoadingState label={t('loading')}>
        <div className="po-skeleton-stack">
          <Skeleton shape="block" width="100%" height="6rem" />
        </div>
      </LoadingState>
    );
  }
  if (!me.data) {
    return (
      <Notice
        title={t('events.gate.signedOut.title')}
        actions={
          <LinkButton to={`/sign-in?next=${encodeURIComponent(path)}`}>{t('actions.signIn')}</LinkButton>
        }
      >
        <p>{t('events.gate.signedOut.message')}</p>
      </Notice>
    );
  }
  if (!mayManageEvents(me.data)) {
    return (
      <Notice tone="warning" title={t('events.gate.forbidden.title')}>
        <p>{t('events.gate.forbidden.message')}</p>
      </Notice>
    );
  }
  return <>{children(me.data)}</>;
}
