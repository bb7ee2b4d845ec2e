import type { EventDetail } from '@plenary/contracts';
import { BackLink, LinkButton, MailIcon, PageHeader } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useAccessTranslation } from './access-i18n';
import { PageLoading } from './page-loading';
import { RegistrationForm } from './registration-form';
import { useAccessDocumentTitle, useRouteEvent } from './use-route-event';

/** `/e/:slug/register`: the registration form, then "check your inbox". */
export function RegisterPage() {
  const event = useRouteEvent();
  const { t } = useAccessTranslation();
  if (!event) return <PageLoading label={t('loading.page')} />;
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
