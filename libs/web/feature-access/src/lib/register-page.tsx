import type { EventDetail, Me, MyRegistration } from '@plenary/contracts';
import { isApiErrorCode, useCancelMyRegistration, useMe, useMyRegistration } from '@plenary/web-data-access';
import {
  BackLink,
  Button,
  LinkButton,
  MailIcon,
  Notice,
  PageHeader,
  RegistrationStatusBadge,
} from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAccessTranslation, useFormatLocale } from './access-i18n';
import { describeApiError } from './api-error-message';
import { PageLoading } from './page-loading';
import { RegistrationForm } from './registration-form';
import { useAccessDocumentTitle, useRouteEvent } from './use-route-event';

/**
 * `/e/:slug/register`: the public form, then "check your inbox"; signed in, the person's own registration to
 * change or cancel (the only way an existing registration changes, short of the organisers).
 */
export function RegisterPage() {
  const event = useRouteEvent();
  const { t } = useAccessTranslation();
  const me = useMe();
  const mine = useMyRegistration(event?.slug ?? '', { enabled: Boolean(event && me.data) });
  if (!event || me.isPending || (me.data && mine.isPending)) return <PageLoading label={t('loading.page')} />;
  if (me.data) {
    if (mine.isError && !isApiErrorCode(mine.error, 'registration/not-registered')) {
      const failure = describeApiError(mine.error, t);
      return (
        <div className="pl-container pa-page">
          <Notice role="alert" tone="error" title={failure.title}>
            <p>{failure.message}</p>
          </Notice>
        </div>
      );
    }
    return <MyRegistrationContent event={event} me={me.data} registration={mine.data ?? null} />;
  }
  return <RegisterContent event={event} />;
}

function RegisterContent({ event }: { event: EventDetail }) {
  const { t } = useAccessTranslation();
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  useAccessDocumentTitle(
    registeredEmail ? t('register.success.documentTitle') : t('register.documentTitle'),
    event,
  );
  const base = `/e/${event.slug}`;
  return (
    <div className="pl-container pa-page">
      <PageHeader
        before={<BackLink to={base}>{t('actions.backToEvent')}</BackLink>}
        eyebrow={event.tagline ?? event.name}
        title={t('register.title')}
        lead={registeredEmail ? undefined : t('register.lead', { event: event.name })}
      />
      {registeredEmail ? (
        <RegistrationReceived event={event} email={registeredEmail} />
      ) : (
        <div className="pa-register">
          <RegistrationForm event={event} onRegistered={setRegisteredEmail} />
          <aside className="pa-register__aside" aria-labelledby="register-aside-title">
            <h2 id="register-aside-title" className="pa-aside__title">
              {t('register.aside.title')}
            </h2>
            <ol className="pa-steps">
              <li>{t('register.aside.step1')}</li>
              <li>{t('register.aside.step2')}</li>
              <li>{t('register.aside.step3')}</li>
            </ol>
            <p className="pa-aside__more">
              {t('register.aside.already')} <Link to={`${base}/access`}>{t('actions.access')}</Link>
            </p>
          </aside>
        </div>
      )}
    </div>
  );
}

/** What happens next, once the server has accepted the registration. Takes focus so it is read out. */
function RegistrationReceived({ event, email }: { event: EventDetail; email: string }) {
  const { t } = useAccessTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const base = `/e/${event.slug}`;
  return (
    <section className="pa-success" aria-labelledby="registration-received-title">
      <MailIcon width={40} height={40} />
      <h2 id="registration-received-title" ref={headingRef} tabIndex={-1} className="pa-success__title">
        {t('register.success.title')}
      </h2>
      <p>{t('register.success.sent', { email })}</p>
      <p>{t('register.success.approval')}</p>
      <p className="pa-muted">{t('register.success.noMail')}</p>
      <div className="pa-actions">
        <LinkButton to={`${base}/programme`}>{t('actions.viewProgramme')}</LinkButton>
        <LinkButton to={base} variant="secondary">
          {t('actions.backToEvent')}
        </LinkButton>
      </div>
    </section>
  );
}

/** Signed in: register yourself, or see, change and cancel your registration. */
function MyRegistrationContent({
  event,
  me,
  registration,
}: {
  event: EventDetail;
  me: Me;
  registration: MyRegistration | null;
}) {
  const { t } = useAccessTranslation();
  const locale = useFormatLocale();
  const [saved, setSaved] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  const cancel = useCancelMyRegistration(event.slug);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  useAccessDocumentTitle(
    registration ? t('register.mine.documentTitle') : t('register.documentTitle'),
    event,
  );
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  const base = `/e/${event.slug}`;
  const cancelFailure = cancel.error ? describeApiError(cancel.error, t) : null;
  const active = registration && registration.status !== 'cancelled';
  return (
    <div className="pl-container pa-page">
      <PageHeader
        before={<BackLink to={base}>{t('actions.backToEvent')}</BackLink>}
        eyebrow={event.tagline ?? event.name}
        title={registration ? t('register.mine.title') : t('register.title')}
        lead={
          registration
            ? t('register.mine.lead', {
                date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(
                  new Date(registration.createdAt),
                ),
              })
            : t('register.mine.newLead', { email: me.person.email })
        }
      />
      {registration && (
        <p className="pa-status-line">
          {t('register.mine.statusLabel')}{' '}
          <RegistrationStatusBadge status={registration.status}>
            {t(`status.${registration.status}`)}
          </RegistrationStatusBadge>
          {registration.status === 'approved' && (
            <>
              {' '}
              <Link to={`${base}/ticket`}>{t('actions.myTicket')}</Link>
            </>
          )}
        </p>
      )}
      {saved && (
        <Notice ref={savedRef} role="status" tone="success" title={t('register.mine.saved')}>
          <p>{t('register.mine.savedMessage')}</p>
        </Notice>
      )}
      <div className="pa-register">
        <RegistrationForm
          event={event}
          signedIn={{ name: me.person.name, email: me.person.email, registration }}
          onSaved={() => setSaved(true)}
        />
        {active && (
          <aside className="pa-register__aside" aria-labelledby="register-cancel-title">
            <h2 id="register-cancel-title" className="pa-aside__title">
              {t('register.mine.cancel.title')}
            </h2>
            <p>{t('register.mine.cancel.message')}</p>
            {cancelFailure && (
              <Notice role="alert" tone="error" title={cancelFailure.title}>
                <p>{cancelFailure.message}</p>
              </Notice>
            )}
            {confirmingCancel ? (
              <div className="pa-actions">
                <Button
                  variant="primary"
                  disabled={cancel.isPending}
                  onClick={() => cancel.mutate(undefined, { onSuccess: () => setConfirmingCancel(false) })}
                >
                  {t('register.mine.cancel.confirm')}
                </Button>
                <Button variant="quiet" onClick={() => setConfirmingCancel(false)}>
                  {t('register.mine.cancel.keep')}
                </Button>
              </div>
            ) : (
              <Button variant="secondary" onClick={() => setConfirmingCancel(true)}>
                {t('register.mine.cancel.action')}
              </Button>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
