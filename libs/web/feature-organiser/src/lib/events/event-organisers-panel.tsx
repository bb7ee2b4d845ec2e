import { appointOrganiserRequestSchema } from '@plenary/contracts';
import {
  getValidationIssues,
  useAppointOrganiser,
  useEventOrganisers,
  useRemoveOrganiser,
} from '@plenary/web-data-access';
import { Button, Notice, Skeleton, TextField } from '@plenary/web-ui';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../describe-error';
import { useOrganiserTranslation } from '../organiser-i18n';

/** The event's organisers; administrators appoint (by e-mail, with an invitation mail) and remove them. */
export function EventOrganisersPanel({ slug, isAdmin }: { slug: string; isAdmin: boolean }) {
  const { t } = useOrganiserTranslation();
  const query = useEventOrganisers(slug);
  const remove = useRemoveOrganiser(slug);
  const removeFailure = remove.isError ? describeError(remove.error, t) : null;

  return (
    <section className="po-panel" aria-labelledby="event-organisers-title">
      <h2 id="event-organisers-title" className="po-panel__title">
        {t('events.organisers.title')}
      </h2>
      <p className="pl-field__hint">
        {isAdmin ? t('events.organisers.leadAdmin') : t('events.organisers.lead')}
      </p>
      {query.isPending ? (
        <div role="status" className="po-skeleton-stack">
          <span className="pl-visually-hidden">{t('events.organisers.loading')}</span>
          <Skeleton width="60%" />
        </div>
      ) : query.isError ? (
        <Notice
          role="alert"
          tone="error"
          headingLevel={3}
          title={describeError(query.error, t).title}
          actions={
            <Button variant="secondary" onClick={() => void query.refetch()}>
              {t('actions.retry')}
            </Button>
          }
        >
          <p>{describeError(query.error, t).message}</p>
        </Notice>
      ) : query.data.organisers.length === 0 ? (
        <p>{t('events.organisers.none')}</p>
      ) : (
        <ul className="po-organisers">
          {query.data.organisers.map((organiser) => (
            <li key={organiser.personId} className="po-organisers__item">
              <span>
                <span className="po-organisers__name">{organiser.name}</span>{' '}
                <span className="po-organisers__email">{organiser.email}</span>
              </span>
              {isAdmin && (
                <Button
                  variant="quiet"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(organiser.personId)}
                >
                  {t('events.organisers.remove')}
                  <span className="pl-visually-hidden">: {organiser.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removeFailure && (
        <Notice role="alert" tone="error" headingLevel={3} title={removeFailure.title}>
          <p>{removeFailure.message}</p>
        </Notice>
      )}
      {isAdmin && <AppointOrganiserForm slug={slug} />}
    </section>
  );
}

function AppointOrganiserForm({ slug }: { slug: string }) {
  const { t } = useOrganiserTranslation();
  const appoint = useAppointOrganiser(slug);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    setDone(null);
    const parsed = appointOrganiserRequestSchema.safeParse({
      email,
      ...(name.trim() === '' ? {} : { name }),
    });
    if (!parsed.success) {
      setError(t('events.organisers.invalidEmail'));
      document.getElementById('appoint-email')?.focus();
      return;
    }
    setError(null);
    appoint.mutate(parsed.data, {
      onSuccess: () => {
        setDone(parsed.data.email);
        setEmail('');
        setName('');
      },
      onError: (failure) => {
        const issue = getValidationIssues(failure)[0];
        if (issue) setError(issue.message);
      },
    });
  };
  const failure = appoint.isError && !error ? describeError(appoint.error, t) : null;

  return (
    <form className="po-appoint" noValidate onSubmit={handleSubmit} aria-labelledby="appoint-title">
      <h3 id="appoint-title" className="po-duplicate__title">
        {t('events.organisers.appointTitle')}
      </h3>
      <div className="po-event-form__row">
        <TextField
          id="appoint-email"
          type="email"
          autoComplete="off"
          label={t('events.organisers.email')}
          value={email}
          error={error ?? undefined}
          onChange={(change) => setEmail(change.target.value)}
        />
        <TextField
          id="appoint-name"
          label={t('events.organisers.name')}
          hint={t('events.organisers.nameHint')}
          optionalLabel={t('events.form.optional')}
          value={name}
          onChange={(change) => setName(change.target.value)}
        />
      </div>
      {failure && (
        <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
          <p>{failure.message}</p>
        </Notice>
      )}
      <div className="pl-form__actions">
        <Button type="submit" disabled={appoint.isPending}>
          {appoint.isPending ? t('events.organisers.appointing') : t('events.organisers.appoint')}
        </Button>
        <p role="status" className="po-saved">
          {done ? t('events.organisers.appointed', { email: done }) : ''}
        </p>
      </div>
    </form>
  );
}
