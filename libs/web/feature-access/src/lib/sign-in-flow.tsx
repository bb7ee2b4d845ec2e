import { accessCodeSchema, emailSchema } from '@plenary/contracts';
import type { Me } from '@plenary/contracts';
import {
  isApiErrorCode,
  useMe,
  useOutboxAvailable,
  useRedeemAccessCode,
  useRequestSignIn,
} from '@plenary/web-data-access';
import { Button, ErrorSummary, LinkButton, Notice, TextField } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAccessTranslation } from './access-i18n';
import { describeApiError, isRateLimited } from './api-error-message';
import { pickLandingPath } from './landing-path';

export interface SignInFlowProps {
  /** The event the person signs in for: the mail mentions it, and success leads to its ticket page. */
  eventSlug?: string;
  /** Where to go after signing in (a path on this site); else the ticket page or the account. */
  next?: string;
  /** The main action offered to someone who is already signed in when the page opens. */
  signedInAction: { to: string; label: string };
}

const EMAIL_ID = 'sign-in-email';
const CODE_ID = 'sign-in-code';

/**
 * Sign-in by e-mail: asks for the address, then says a link and a 6-digit code are on their way and offers a
 * form for the code, the alternative to opening the link on this device.
 */
export function SignInFlow({ eventSlug, next, signedInAction }: SignInFlowProps) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const me = useMe();
  // Once a code was sent, stay on the code step: signing in there navigates on from it.
  if (sentTo === null && me.data) return <SignedInNotice me={me.data} primary={signedInAction} />;
  return sentTo === null ? (
    <EmailStep eventSlug={eventSlug} next={next} onSent={setSentTo} />
  ) : (
    <CodeStep email={sentTo} eventSlug={eventSlug} next={next} onChangeEmail={() => setSentTo(null)} />
  );
}

/** Shown instead of the sign-in form to someone already signed in. */
export function SignedInNotice({ me, primary }: { me: Me; primary: { to: string; label: string } }) {
  const { t } = useAccessTranslation();
  return (
    <Notice
      tone="success"
      title={t('signIn.already.title')}
      actions={
        <>
          <LinkButton to={primary.to}>{primary.label}</LinkButton>
          {primary.to !== '/account' && (
            <LinkButton to="/account" variant="secondary">
              {t('actions.account')}
            </LinkButton>
          )}
        </>
      }
    >
      <p>{t('signIn.already.message', { name: me.person.name, email: me.person.email })}</p>
    </Notice>
  );
}

interface EmailStepProps {
  eventSlug?: string;
  /** Sent along, so the link in the mail leads there too. */
  next?: string;
  onSent: (email: string) => void;
}

function EmailStep({ eventSlug, next, onSent }: EmailStepProps) {
  const { t } = useAccessTranslation();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const mutation = useRequestSignIn();

  useEffect(() => {
    if (focusRequest > 0) (summaryRef.current ?? failureRef.current)?.focus();
  }, [focusRequest]);

  const handleEmailChange = (change: ChangeEvent<HTMLInputElement>) => setEmail(change.target.value);

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (mutation.isPending) return;
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      mutation.reset();
      setError(email.trim() === '' ? t('signIn.errors.emailRequired') : t('signIn.errors.emailInvalid'));
      setFocusRequest((count) => count + 1);
      return;
    }
    setError(null);
    mutation.mutate(
      { email: parsed.data, ...(eventSlug ? { eventSlug } : {}), ...(next ? { next } : {}) },
      {
        onSuccess: () => onSent(parsed.data),
        onError: () => setFocusRequest((count) => count + 1),
      },
    );
  };

  const failure = mutation.isError ? describeApiError(mutation.error, t) : null;

  return (
    <form className="pl-form pa-sign-in" noValidate onSubmit={handleSubmit}>
      {error && (
        <ErrorSummary
          ref={summaryRef}
          title={t('signIn.errors.summaryTitle')}
          items={[{ fieldId: EMAIL_ID, message: error }]}
        />
      )}
      {failure && (
        <Notice
          ref={failureRef}
          role="alert"
          tone={isRateLimited(mutation.error) ? 'warning' : 'error'}
          title={failure.title}
        >
          <p>{failure.message}</p>
        </Notice>
      )}
      <TextField
        id={EMAIL_ID}
        type="email"
        label={t('signIn.email.label')}
        hint={t('signIn.email.hint')}
        error={error ?? undefined}
        value={email}
        onChange={handleEmailChange}
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        maxLength={254}
      />
      <div className="pl-form__actions">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.email.submitting') : t('signIn.email.submit')}
        </Button>
      </div>
    </form>
  );
}

interface CodeStepProps {
  email: string;
  eventSlug?: string;
  next?: string;
  onChangeEmail: () => void;
}

function CodeStep({ email, eventSlug, next, onChangeEmail }: CodeStepProps) {
  const { t } = useAccessTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [resent, setResent] = useState(false);
  const sentRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const redeem = useRedeemAccessCode();
  const resend = useRequestSignIn();
  const mailboxAvailable = useOutboxAvailable();

  useEffect(() => {
    sentRef.current?.focus();
  }, []);

  useEffect(() => {
    if (focusRequest > 0) (summaryRef.current ?? failureRef.current)?.focus();
  }, [focusRequest]);

  const handleCodeChange = (change: ChangeEvent<HTMLInputElement>) =>
    setCode(change.target.value.replace(/\D/g, '').slice(0, 6));

  const handleSignedIn = (me: Me) => {
    void navigate(next ?? pickLandingPath(me, eventSlug), { replace: true });
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (redeem.isPending) return;
    const parsed = accessCodeSchema.safeParse(code);
    if (!parsed.success) {
      redeem.reset();
      setError(code === '' ? t('signIn.errors.codeRequired') : t('signIn.errors.codeFormat'));
      setFocusRequest((count) => count + 1);
      return;
    }
    setError(null);
    redeem.mutate(
      { email, code: parsed.data },
      {
        onSuccess: handleSignedIn,
        onError: (failure) => {
          if (isApiErrorCode(failure, 'identity/code-invalid')) setError(t('signIn.errors.codeInvalid'));
          setFocusRequest((count) => count + 1);
        },
      },
    );
  };

  const handleResend = () => {
    setResent(false);
    resend.mutate(
      { email, ...(eventSlug ? { eventSlug } : {}) },
      {
        onSuccess: () => {
          setResent(true);
          setCode('');
          setError(null);
          redeem.reset();
        },
      },
    );
  };

  const failure = redeem.isError && !error ? describeApiError(redeem.error, t) : null;
  const resendFailure = resend.isError ? describeApiError(resend.error, t) : null;

  return (
    <div className="pa-sign-in">
      <section className="pa-sent" aria-labelledby="sign-in-sent-title">
        <h2 id="sign-in-sent-title" ref={sentRef} tabIndex={-1} className="pa-sent__title">
          {t('signIn.sent.title')}
        </h2>
        <p>{t('signIn.sent.message', { email })}</p>
        <p className="pa-muted">{t('signIn.sent.note')}</p>
        {mailboxAvailable && (
          <p className="pa-dev-note">
            {t('signIn.sent.devMailbox')} <Link to="/dev/mailbox">{t('mailbox.linkLabel')}</Link>
          </p>
        )}
      </section>

      <form className="pl-form" noValidate onSubmit={handleSubmit} aria-labelledby="sign-in-code-title">
        <h2 id="sign-in-code-title" className="pa-form-section__title">
          {t('signIn.code.title')}
        </h2>
        {error && (
          <ErrorSummary
            ref={summaryRef}
            title={t('signIn.errors.summaryTitle')}
            items={[{ fieldId: CODE_ID, message: error }]}
          />
        )}
        {failure && (
          <Notice
            ref={failureRef}
            role="alert"
            tone={isRateLimited(redeem.error) ? 'warning' : 'error'}
            title={failure.title}
          >
            <p>{failure.message}</p>
          </Notice>
        )}
        <TextField
          id={CODE_ID}
          className="pa-code-field"
          label={t('signIn.code.label')}
          hint={t('signIn.code.hint')}
          error={error ?? undefined}
          value={code}
          onChange={handleCodeChange}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          spellCheck={false}
        />
        <div className="pl-form__actions">
          <Button type="submit" disabled={redeem.isPending}>
            {redeem.isPending ? t('signIn.code.submitting') : t('signIn.code.submit')}
          </Button>
        </div>
      </form>

      <div className="pa-sign-in__more">
        <p role="status" className="pa-muted">
          {resent ? t('signIn.sent.resent', { email }) : ''}
        </p>
        {resendFailure && (
          <Notice role="alert" tone="warning" title={resendFailure.title}>
            <p>{resendFailure.message}</p>
          </Notice>
        )}
        <div className="pa-actions">
          <Button variant="secondary" onClick={handleResend} disabled={resend.isPending}>
            {t('signIn.sent.resend')}
          </Button>
          <Button variant="quiet" onClick={onChangeEmail}>
            {t('signIn.sent.changeEmail')}
          </Button>
        </div>
      </div>
    </div>
  );
}
