import { useCreateEvent } from '@plenary/web-data-access';
import { BackLink, Button, ErrorSummary, Notice, PageHeader, useDocumentTitle } from '@plenary/web-ui';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../describe-error';
import { useOrganiserTranslation } from '../organiser-i18n';
import { EventFormFields } from './event-form-fields';
import { EMPTY_EVENT_FORM, suggestSlug, toCreateRequest } from './event-form-model';
import type { EventFormValues } from './event-form-model';
import { ManageGate } from './manage-gate';
import { useEventForm } from './use-event-form';

/** `/manage/new` (instance administrators): a new event, created as a draft; then its settings page. */
export function CreateEventPage() {
  const { t } = useOrganiserTranslation();
  useDocumentTitle(t('events.create.documentTitle'));
  return (
    <div className="pl-container po-page">
      <ManageGate path="/manage/new">
        {(me) =>
          me.isAdmin ? (
            <CreateEventForm />
          ) : (
            <Notice tone="warning" title={t('events.create.adminsOnly.title')}>
              <p>{t('events.create.adminsOnly.message')}</p>
            </Notice>
          )
        }
      </ManageGate>
    </div>
  );
}

export function CreateEventForm() {
  const { t } = useOrganiserTranslation();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const form = useEventForm(EMPTY_EVENT_FORM);
  // The slug follows the name until someone types a slug of their own.
  const [slugTouched, setSlugTouched] = useState(false);

  const handleChange = (next: EventFormValues) => {
    if (next.slug !== form.values.slug) setSlugTouched(true);
    const followsName = !slugTouched && next.name !== form.values.name;
    form.setValues(followsName ? { ...next, slug: suggestSlug(next.name) } : next);
  };

  const handleSubmit = (submit: FormEvent<HTMLFormElement>) => {
    submit.preventDefault();
    const check = toCreateRequest(form.values);
    if (!check.ok) {
      form.showIssues(check.issues);
      return;
    }
    form.clearErrors();
    create.mutate(check.request, {
      onSuccess: (event) => void navigate(`/e/${event.slug}/organiser/event`),
      onError: (error) => {
        form.showApiError(error, check.request.slug);
      },
    });
  };

  const fieldErrorsShown = form.summary.length > 0;
  const failure = create.isError && !fieldErrorsShown ? describeError(create.error, t) : null;

  return (
    <>
      <PageHeader
        before={<BackLink to="/manage">{t('events.create.back')}</BackLink>}
        title={t('events.create.title')}
        lead={t('events.create.lead')}
      />
      <form className="po-event-form" noValidate onSubmit={handleSubmit}>
        {fieldErrorsShown && (
          <ErrorSummary ref={form.summaryRef} title={t('events.form.errorSummary')} items={form.summary} />
        )}
        <EventFormFields values={form.values} onChange={handleChange} errors={form.errors} mode="create" />
        {failure && (
          <Notice role="alert" tone="error" headingLevel={3} title={failure.title}>
            <p>{failure.message}</p>
          </Notice>
        )}
        <div className="pl-form__actions">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? t('events.create.creating') : t('events.create.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
