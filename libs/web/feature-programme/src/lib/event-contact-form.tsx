import { CONTACT_MESSAGE_MAX, contactMessageRequestSchema } from '@plenary/contracts';
import {
  ApiNetworkError,
  ApiRequestError,
  getValidationIssues,
  useContactFormToken,
  useSendContactMessage,
} from '@plenary/web-data-access';
import { Button, Notice, Skeleton, TextAreaField, TextField } from '@plenary/web-ui';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useProgrammeTranslation } from './programme-i18n';

type Field = 'name' | 'email' | 'message';
const FIELDS: readonly Field[] = ['name', 'email', 'message'];
type FieldErrors = Partial<Record<Field, string>>;

/** The refusal reasons the server names in `details.reason` of a `core/bad-request`. */
function refusalReason(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'core/bad-request') return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/**
 * "Write to the event team": name, e-mail and message, sent to the team's mail by the server. Spam checks without a
 * captcha: a signed form token fetched when the form shows (the server wants it a few seconds old) and a field hidden
 * from people that bots fill in.
 */
export function EventContactForm({ eventSlug }: { eventSlug: string }) {
  const { t } = useProgrammeTranslation();
  const token = useContactFormToken(eventSlug);
  const send = useSendContactMessage(eventSlug);
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', message: '' });
  const [website, setWebsite] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sent, setSent] = useState(false);
  const sentRef = useRef<HTMLDivElement>(null);
  const numbers = new Intl.NumberFormat(t('intlLocale'));

  if (sent) {
    return (
      <Notice
        ref={sentRef}
        role="status"
        tone="success"
        headingLevel={3}
        title={t('contact.sent.title')}
        actions={
          <Button
            variant="secondary"
            onClick={() => {
              setSent(false);
              void token.refetch();
            }}
          >
            {t('contact.sent.another')}
          </Button>
        }
      >
        <p>{t('contact.sent.message')}</p>
      </Notice>
    );
  }

  const handleChange = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    if (!token.data) return;
    const parsed = contactMessageRequestSchema.safeParse({ ...values, website, token: token.data.token });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (FIELDS.includes(field as Field)) found[field as Field] ??= t(`contact.invalid.${field as Field}`);
      }
      setErrors(found);
      const first = FIELDS.find((field) => found[field]);
      if (first) document.getElementById(`contact-${first}`)?.focus();
      return;
    }
    setErrors({});
    send.mutate(
      { ...values, website, token: token.data.token },
      {
        onSuccess: () => {
          setSent(true);
          setValues({ name: '', email: '', message: '' });
        },
        onError: (error) => {
          const reason = refusalReason(error);
          // An expired or unknown token: a fresh one, so the next try works.
          if (reason === 'token-invalid' || reason === 'token-expired') void token.refetch();
          const issues = getValidationIssues(error);
          if (issues.length > 0) {
            const found: FieldErrors = {};
            for (const issue of issues)
              if (FIELDS.includes(issue.path as Field)) found[issue.path as Field] = issue.message;
            setErrors(found);
          }
        },
      },
    );
  };

  const failure = send.isError ? describeFailure(send.error, t) : null;

  return (
    <form className="pp-contact-form" noValidate onSubmit={handleSubmit} aria-labelledby="contact-form-title">
      <h3 id="contact-form-title" className="pp-contact-form__title">
        {t('contact.formTitle')}
      </h3>
      <TextField
        id="contact-name"
        label={t('contact.name')}
        autoComplete="name"
        value={values.name}
        error={errors.name}
        onChange={(change) => handleChange('name')(change.target.value)}
      />
      <TextField
        id="contact-email"
        type="email"
        label={t('contact.email')}
        hint={t('contact.emailHint')}
        autoComplete="email"
        value={values.email}
        error={errors.email}
        onChange={(change) => handleChange('email')(change.target.value)}
      />
      <TextAreaField
        id="contact-message"
        label={t('contact.message')}
        hint={t('contact.messageHint', {
          count: CONTACT_MESSAGE_MAX - values.message.length,
          left: numbers.format(CONTACT_MESSAGE_MAX - values.message.length),
          max: numbers.format(CONTACT_MESSAGE_MAX),
        })}
        rows={6}
        maxLength={CONTACT_MESSAGE_MAX}
        value={values.message}
        error={errors.message}
        onChange={(change) => handleChange('message')(change.target.value)}
      />
      {/* The honeypot: hidden from people (and from assistive technology), filled by bots. */}
      <div className="pp-contact-form__trap" aria-hidden="true">
        <label htmlFor="contact-website">{t('contact.honeypot')}</label>
        <input
          id="contact-website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={website}
          onChange={(change) => setWebsite(change.target.value)}
        />
      </div>
      {token.isError && (
        <Notice
          role="alert"
          tone="error"
          headingLevel={3}
          title={t('contact.tokenFailed.title')}
          actions={
            <Button variant="secondary" onClick={() => void token.refetch()}>
              {t('errors.retry')}
            </Button>
          }
        >
          <p>{t('contact.tokenFailed.message')}</p>
        </Notice>
      )}
      {failure && (
        <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
          <p>{failure.message}</p>
        </Notice>
      )}
      <div className="pl-form__actions">
        {token.isPending ? (
          <Skeleton width="8rem" height="2.75rem" />
        ) : (
          <Button type="submit" disabled={send.isPending || !token.data}>
            {send.isPending ? t('contact.sending') : t('contact.send')}
          </Button>
        )}
      </div>
    </form>
  );
}

function describeFailure(
  error: unknown,
  t: ReturnType<typeof useProgrammeTranslation>['t'],
): { title: string; message: string } {
  const reason = refusalReason(error);
  if (reason === 'too-fast')
    return { title: t('contact.refused.title'), message: t('contact.refused.tooFast') };
  if (reason === 'token-invalid' || reason === 'token-expired')
    return { title: t('contact.refused.title'), message: t('contact.refused.expired') };
  if (reason === 'honeypot')
    return { title: t('contact.refused.title'), message: t('contact.refused.honeypot') };
  if (error instanceof ApiRequestError) {
    if (error.status === 429)
      return {
        title: t('contact.refused.title'),
        message:
          error.retryAfterSeconds === null
            ? t('contact.refused.rateLimited')
            : t('contact.refused.rateLimitedMinutes', { count: Math.ceil(error.retryAfterSeconds / 60) }),
      };
    if (error.code === 'core/validation-failed')
      return { title: t('contact.refused.title'), message: t('contact.refused.invalid') };
    return { title: t('contact.refused.title'), message: error.message };
  }
  if (error instanceof ApiNetworkError)
    return { title: t('errors.network.title'), message: t('errors.network.message') };
  return { title: t('contact.refused.title'), message: t('contact.refused.unexpected') };
}
