import { magicTokenSchema, safeNextPath } from '@plenary/contracts';
import { isApiErrorCode, useRedeemMagicLink } from '@plenary/web-data-access';
import { Button, LinkButton, LockIcon, Notice, PageHeader } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAccessTranslation } from './access-i18n';
import { describeApiError, isRateLimited } from './api-error-message';
import { pickLandingPath } from './landing-path';
import { useAccessDocumentTitle } from './use-route-event';

export interface SignInLink {
  token: string;
  /** An event the link was sent for, when the fragment names one (`#token=…&event=…`). */
  eventSlug?: string;
  /** Where to go once signed in, when the fragment names a path on this site (`…&next=…`). */
  next?: string;
}

/**
 * The sign-in link's token from the URL fragment (`#token=<43 chars>`). The fragment never reaches a server,
 * so the token stays out of logs and Referer headers until the person presses "Sign in".
 */
export function readSignInLink(hash: string, origin?: string): SignInLink | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = magicTokenSchema.safeParse(params.get('token') ?? '');
  if (!token.success) return null;
  const eventSlug = params.get('event');
  const next = safeNextPath(params.get('next'), origin);
  return {
    token: token.data,
    ...(eventSlug && /^[a-z0-9-]+$/.test(eventSlug) ? { eventSlug } : {}),
    ...(next ? { next } : {}),
  };
}

/**
 * `/auth/confirm#token=…`: explains what the link does and signs in only when the person presses the one
 * button, so that mail scanners and link previews that open the page cannot use up the link.
 */
export function ConfirmPage() {
  const { t } = useAccessTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [link] = useState(() => readSignInLink(location.hash, window.location.origin));
  const mutation = useRedeemMagicLink();
  const failureRef = useRef<HTMLDivElement>(null);
  useAccessDocumentTitle(t('confirm.documentTitle'));

  useEffect(() => {
    if (mutation.isError) failureRef.current?.focus();
  }, [mutation.isError]);

  const handleSignIn = () => {
    if (!link || mutation.isPending) return;
    mutation.mutate(
      { token: link.token },
      {
        onSuccess: (me) => void navigate(link.next ?? pickLandingPath(me, link.eventSlug), { replace: true }),
      },
    );
  };

  if (!link) {
    return (
      <ConfirmFrame>
        <Notice
          tone="error"
          title={t('confirm.incomplete.title')}
          actions={<LinkButton to="/sign-in">{t('confirm.requestNew')}</LinkButton>}
        >
          <p>{t('confirm.incomplete.message')}</p>
        </Notice>
      </ConfirmFrame>
    );
  }

  if (isApiErrorCode(mutation.error, 'identity/link-invalid')) {
    return (
      <ConfirmFrame>
        <Notice
          ref={failureRef}
          role="alert"
          tone="error"
          title={t('confirm.invalid.title')}
          actions={<LinkButton to="/sign-in">{t('confirm.requestNew')}</LinkButton>}
        >
          <p>{t('confirm.invalid.message')}</p>
          <p className="pa-muted">{t('confirm.invalid.hint')}</p>
        </Notice>
      </ConfirmFrame>
    );
  }

  const failure = mutation.isError ? describeApiError(mutation.error, t) : null;

  return (
    <ConfirmFrame>
      <section className="pa-confirm" aria-labelledby="confirm-title">
        <LockIcon width={36} height={36} />
        <h2 id="confirm-title" className="pa-confirm__title">
          {t('confirm.ready.title')}
        </h2>
        <p>{t('confirm.ready.message')}</p>
        <p className="pa-muted">{t('confirm.ready.note')}</p>
        {failure && (
          <Notice
            ref={failureRef}
            role="alert"
            tone={isRateLimited(mutation.error) ? 'warning' : 'error'}
            title={failure.title}
            headingLevel={3}
            actions={
              <LinkButton to="/sign-in" variant="secondary">
                {t('confirm.requestNew')}
              </LinkButton>
            }
          >
            <p>{failure.message}</p>
          </Notice>
        )}
        <div className="pa-actions">
          <Button size="lg" onClick={handleSignIn} disabled={mutation.isPending || mutation.isSuccess}>
            {mutation.isPending || mutation.isSuccess ? t('confirm.signingIn') : t('confirm.signIn')}
          </Button>
        </div>
      </section>
    </ConfirmFrame>
  );
}

function ConfirmFrame({ children }: { children: ReactNode }) {
  const { t } = useAccessTranslation();
  return (
    <div className="pl-container pa-page">
      <PageHeader title={t('confirm.title')} />
      <div className="pa-narrow">{children}</div>
    </div>
  );
}
