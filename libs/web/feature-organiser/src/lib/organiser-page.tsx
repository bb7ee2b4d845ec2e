import type { EventDetail } from '@plenary/contracts';
import { findMembership, useEvent, useMe } from '@plenary/web-data-access';
import {
  Container,
  LinkButton,
  LoadingState,
  NavLinks,
  Notice,
  PageHeader,
  Skeleton,
  useDocumentTitle,
} from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useOrganiserTranslation } from './organiser-i18n';
import { RegistrationsConsole } from './registrations-console';

/** `/e/:slug/organiser`: the organisers' console for the event's registrations and settings. */
export function OrganiserPage() {
  const { t } = useOrganiserTranslation();
  return (
    <OrganiserShell title={t('title')} lead={t('lead')} path="organiser">
      {(event) => <RegistrationsConsole eventSlug={event.slug} />}
    </OrganiserShell>
  );
}

export interface OrganiserShellProps {
  /** The page's h1 and document title. */
  title: string;
  lead: string;
  /** The page's path under `/e/:slug/` (where sign-in brings the organiser back to). */
  path: string;
  /** The page's content, for organisers of the event only. */
  children: (event: EventDetail) => ReactNode;
}

/**
 * What every organiser page shares: the event's header, the links between organiser pages, the loading state and
 * the gate (signed out → sign in; signed in without the organiser role → a refusal).
 */
export function OrganiserShell({ title, lead, path, children }: OrganiserShellProps) {
  const { slug = '' } = useParams();
  const { t } = useOrganiserTranslation();
  // The programme's event layout has loaded (or explained the absence of) the event; this reads its cache.
  const event = useEvent(slug).data;
  const me = useMe();
  useDocumentTitle(
    event ? t('documentTitle', { page: title, event: event.tagline ?? event.name }) : undefined,
  );

  if (!event || me.isPending) {
    return (
      <Container className="po-page">
        <LoadingState label={t('loading')}>
          <div className="po-skeleton-stack">
            <Skeleton width="10rem" />
            <Skeleton width="min(28rem, 80%)" height="2.25rem" />
            <Skeleton shape="block" width="100%" height="10rem" />
          </div>
        </LoadingState>
      </Container>
    );
  }

  const base = `/e/${event.slug}`;
  return (
    <div className="pl-container po-page">
      <PageHeader eyebrow={event.tagline ?? event.name} title={title} lead={lead} />
      <NavLinks
        label={t('nav.label')}
        items={[
          { to: `${base}/organiser`, label: t('nav.registrations'), end: true },
          { to: `${base}/organiser/attendance`, label: t('nav.attendance') },
          { to: `${base}/organiser/event`, label: t('nav.event') },
          { to: `${base}/organiser/programme`, label: t('nav.programme') },
          { to: `${base}/organiser/import`, label: t('nav.interchange') },
          // The check-in feature's page (devices, conflicts), linked by path: features do not import each other.
          { to: `${base}/organiser/checkin`, label: t('checkinLink') },
        ]}
      />
      <OrganiserGate event={event} path={path}>
        {children}
      </OrganiserGate>
    </div>
  );
}

function OrganiserGate({
  event,
  path,
  children,
}: {
  event: EventDetail;
  path: string;
  children: (event: EventDetail) => ReactNode;
}) {
  const { t } = useOrganiserTranslation();
  const me = useMe();
  const base = `/e/${event.slug}`;
  if (!me.data) {
    return (
      <Notice
        title={t('gate.signedOut.title')}
        actions={
          <LinkButton to={`${base}/access?next=${encodeURIComponent(`${base}/${path}`)}`}>
            {t('actions.signIn')}
          </LinkButton>
        }
      >
        <p>{t('gate.signedOut.message')}</p>
      </Notice>
    );
  }
  // Instance administrators may act on every event (the api's role guard lets them through too; ADR 0017).
  if (!me.data.isAdmin && !findMembership(me.data, event.slug)?.roles.includes('organiser')) {
    return (
      <Notice
        tone="warning"
        title={t('errors.forbidden.title')}
        actions={
          <LinkButton to={base} variant="secondary">
            {t('actions.backToEvent')}
          </LinkButton>
        }
      >
        <p>{t('errors.forbidden.message')}</p>
      </Notice>
    );
  }
  return <>{children(event)}</>;
}
