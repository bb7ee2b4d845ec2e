import type { EventSummary, Me, Membership } from '@plenary/contracts';
import { useEraseMe, useEvents, useMe, useSignOut, useSignOutEverywhere } from '@plenary/web-data-access';
import {
  Badge,
  Button,
  Card,
  LinkButton,
  Notice,
  PageHeader,
  RegistrationStatusBadge,
} from '@plenary/web-ui';
import { useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAccessTranslation, useFormatLocale } from './access-i18n';
import { describeApiError } from './api-error-message';
import { formatDateRange } from './format-dates';
import { PageLoading } from './page-loading';
import { useAccessDocumentTitle } from './use-route-event';
import { YourDataSection } from './your-data-section';

export interface AccountPageProps {
  /** Further settings the app provides (e.g. cookie consent), shown in their own section. */
  settings?: ReactNode;
}

/**
 * `/account`: who is signed in, their events and registrations, their data (download, erase), signing out here
 * or everywhere.
 */
export function AccountPage({ settings }: AccountPageProps) {
  const { t } = useAccessTranslation();
  const me = useMe();
  // The sign-out mutations live here, not in the signed-in view that disappears when they succeed.
  const signOut = useSignOut();
  const signOutEverywhere = useSignOutEverywhere();
  const erase = useEraseMe();
  const [signedOut, setSignedOut] = useState<'here' | 'everywhere' | 'erased' | null>(null);
  useAccessDocumentTitle(t('account.documentTitle'));

  const handleSignOut = () => signOut.mutate(undefined, { onSuccess: () => setSignedOut('here') });
  const handleSignOutEverywhere = () =>
    signOutEverywhere.mutate(undefined, { onSuccess: () => setSignedOut('everywhere') });
  // A second click may come before `isPending` is rendered: the ref makes sure the request goes once.
  const erasingRef = useRef(false);
  const handleErase = () => {
    if (erasingRef.current) return;
    erasingRef.current = true;
    erase.mutate(undefined, {
      onSuccess: () => setSignedOut('erased'),
      onSettled: () => {
        erasingRef.current = false;
      },
    });
  };

  if (me.isPending) return <PageLoading label={t('loading.account')} />;

  return (
    <div className="pl-container pa-page">
      <PageHeader
        title={t('account.title')}
        lead={
          me.data ? t('account.lead', { name: me.data.person.name, email: me.data.person.email }) : undefined
        }
      />
      {me.data ? (
        <SignedInAccount
          me={me.data}
          settings={settings}
          busy={signOut.isPending || signOutEverywhere.isPending || erase.isPending}
          failure={signOut.error ?? signOutEverywhere.error}
          onSignOut={handleSignOut}
          onSignOutEverywhere={handleSignOutEverywhere}
          data={<YourDataSection onErase={handleErase} erasing={erase.isPending} eraseError={erase.error} />}
        />
      ) : signedOut === 'erased' ? (
        <div className="pa-stack">
          <Notice
            role="status"
            tone="success"
            title={t('account.erased.title')}
            actions={<LinkButton to="/">{t('account.erased.action')}</LinkButton>}
          >
            <p>{t('account.erased.message')}</p>
          </Notice>
          {settings && <SettingsSection settings={settings} />}
        </div>
      ) : (
        <div className="pa-stack">
          {signedOut && <Notice role="status" tone="success" title={t(`account.signedOut.${signedOut}`)} />}
          <Notice
            title={t('account.signedOutTitle')}
            actions={<LinkButton to="/sign-in?next=%2Faccount">{t('actions.signIn')}</LinkButton>}
          >
            <p>{t('account.signedOutMessage')}</p>
          </Notice>
          {settings && <SettingsSection settings={settings} />}
        </div>
      )}
    </div>
  );
}

interface SignedInAccountProps {
  me: Me;
  settings: ReactNode;
  busy: boolean;
  failure: Error | null;
  onSignOut: () => void;
  onSignOutEverywhere: () => void;
  /** The "Your data" section (download, erase). */
  data: ReactNode;
}

function SignedInAccount({
  me,
  settings,
  busy,
  failure,
  onSignOut,
  onSignOutEverywhere,
  data,
}: SignedInAccountProps) {
  const { t } = useAccessTranslation();
  const events = useEvents();
  const eventsBySlug = new Map((events.data?.events ?? []).map((event) => [event.slug, event]));
  const failureText = failure ? describeApiError(failure, t) : null;

  return (
    <div className="pa-stack">
      <section className="pa-section" aria-labelledby="account-events-title">
        <h2 id="account-events-title" className="pa-section__title">
          {t('account.events.title')}
        </h2>
        {me.memberships.length > 0 ? (
          <ul className="pa-membership-list">
            {me.memberships.map((membership) => (
              <MembershipCard
                key={membership.eventSlug}
                membership={membership}
                event={eventsBySlug.get(membership.eventSlug)}
              />
            ))}
          </ul>
        ) : (
          <p className="pa-muted">{t('account.events.empty')}</p>
        )}
      </section>

      {settings && <SettingsSection settings={settings} />}

      <section className="pa-section" aria-labelledby="account-sign-out-title">
        <h2 id="account-sign-out-title" className="pa-section__title">
          {t('account.signOut.title')}
        </h2>
        {failureText && (
          <Notice role="alert" tone="error" title={failureText.title}>
            <p>{failureText.message}</p>
          </Notice>
        )}
        <div className="pa-sign-out">
          <div className="pa-sign-out__option">
            <Button variant="secondary" onClick={onSignOut} disabled={busy}>
              {t('actions.signOut')}
            </Button>
            <p className="pa-muted">{t('account.signOut.hereHint')}</p>
          </div>
          <div className="pa-sign-out__option">
            <Button variant="secondary" onClick={onSignOutEverywhere} disabled={busy}>
              {t('account.signOut.everywhere')}
            </Button>
            <p className="pa-muted">{t('account.signOut.everywhereHint')}</p>
          </div>
        </div>
      </section>

      {data}
    </div>
  );
}

/** The app's extra settings (cookie consent): a slot the app fills, so this feature needs no other feature. */
function SettingsSection({ settings }: { settings: ReactNode }) {
  const { t } = useAccessTranslation();
  return (
    <section className="pa-section" aria-labelledby="account-settings-title" data-slot="consent-settings">
      <h2 id="account-settings-title" className="pa-section__title">
        {t('account.settings.title')}
      </h2>
      {settings}
    </section>
  );
}

function MembershipCard({ membership, event }: { membership: Membership; event: EventSummary | undefined }) {
  const { t } = useAccessTranslation();
  const locale = useFormatLocale();
  const base = `/e/${membership.eventSlug}`;
  const registration = membership.registration;
  const isOrganiser = membership.roles.includes('organiser');
  return (
    <Card as="li" className="pa-membership">
      <div className="pa-membership__head">
        <h3 className="pa-membership__title">
          <Link to={base}>{event ? (event.tagline ?? event.name) : membership.eventSlug}</Link>
        </h3>
        {event && <p className="pa-muted">{formatDateRange(event.startDate, event.endDate, locale)}</p>}
      </div>
      <dl className="pa-facts">
        <div>
          <dt>{t('account.events.registration')}</dt>
          <dd>
            {registration ? (
              <RegistrationStatusBadge status={registration.status}>
                {t(`status.${registration.status}`)}
              </RegistrationStatusBadge>
            ) : (
              t('account.events.notRegistered')
            )}
          </dd>
        </div>
        {registration && (
          <div>
            <dt>{t('ticket.attendanceLabel')}</dt>
            <dd>{t(`attendance.${registration.attendance}`)}</dd>
          </div>
        )}
        {membership.roles.length > 0 && (
          <div>
            <dt>{t('ticket.rolesLabel')}</dt>
            <dd className="pa-badges">
              {membership.roles.map((role) => (
                <Badge key={role} tone={role === 'attendee' ? 'neutral' : 'navy'}>
                  {t(`role.${role}`)}
                </Badge>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <div className="pa-actions">
        {registration?.status === 'approved' && (
          <LinkButton to={`${base}/ticket`}>{t('actions.myTicket')}</LinkButton>
        )}
        {registration && (
          <LinkButton to={`${base}/register`} variant="secondary">
            {t('actions.myRegistration')}
          </LinkButton>
        )}
        {!registration && <LinkButton to={`${base}/register`}>{t('actions.register')}</LinkButton>}
        {isOrganiser && (
          <LinkButton to={`${base}/organiser`} variant="secondary">
            {t('actions.organiser')}
          </LinkButton>
        )}
        <LinkButton to={`${base}/programme`} variant="quiet">
          {t('actions.viewProgramme')}
        </LinkButton>
      </div>
    </Card>
  );
}
