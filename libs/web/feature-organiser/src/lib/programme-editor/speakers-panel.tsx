import { SpeakerPhotoField } from '../speaker-photo-field';
import type { ManagedSpeaker } from '@plenary/contracts';
import {
  createSpeaker,
  deleteSpeaker,
  getValidationIssues,
  readSpeakerConflict,
  refreshProgramme,
  updateSpeaker,
} from '@plenary/web-data-access';
import { Avatar, Button, EmptyState, Notice, TextAreaField, TextField } from '@plenary/web-ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../describe-error';
import { useOrganiserTranslation } from '../organiser-i18n';
import { ConfirmDialog } from './confirm-dialog';
import { EditorDialog } from './editor-dialog';

interface SpeakerValues {
  honorific: string;
  name: string;
  title: string;
  organisation: string;
  country: string;
  bio: string;
}
type SpeakerField = keyof SpeakerValues;

const toValues = (speaker: ManagedSpeaker | null): SpeakerValues => ({
  honorific: speaker?.honorific ?? '',
  name: speaker?.name ?? '',
  title: speaker?.title ?? '',
  organisation: speaker?.organisation ?? '',
  country: speaker?.country ?? '',
  bio: speaker?.bio ?? '',
});

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Whether `speaker` matches the search (name, organisation, title, country; case and accents ignored). */
export function speakerMatches(speaker: ManagedSpeaker, query: string): boolean {
  const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const needle = fold(query.trim());
  if (needle === '') return true;
  return [speaker.name, speaker.organisation ?? '', speaker.title, speaker.country ?? ''].some((field) =>
    fold(field).includes(needle),
  );
}

/** The event's speakers: search, add, edit, delete (their places in sessions go too). */
export function SpeakersPanel({ slug, speakers }: { slug: string; speakers: readonly ManagedSpeaker[] }) {
  const { t } = useOrganiserTranslation();
  const queryClient = useQueryClient();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<ManagedSpeaker | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ManagedSpeaker | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const shown = speakers.filter((speaker) => speakerMatches(speaker, query));

  const handleDelete = async (speaker: ManagedSpeaker) => {
    setBusy(true);
    try {
      await deleteSpeaker(slug, speaker.id);
      await refreshProgramme(queryClient, slug);
      setDeleting(null);
    } catch (error) {
      setDeleting(null);
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pe-panel" aria-labelledby="pe-speakers-title">
      <div className="pe-panel__head">
        <h2 id="pe-speakers-title" className="po-panel__title">
          {t('editor.speakers.title')}
        </h2>
        <Button onClick={() => setEditing('new')}>{t('editor.speakers.add')}</Button>
      </div>
      {failure && (
        <Notice tone="error" role="alert" title={failure.title} headingLevel={3}>
          <p>{failure.message}</p>
        </Notice>
      )}
      {speakers.length > 0 && (
        <TextField
          id="pe-speaker-search"
          type="search"
          label={t('editor.speakers.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="pe-search"
        />
      )}
      {speakers.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title={t('editor.speakers.emptyTitle')}
          message={t('editor.speakers.emptyMessage')}
        />
      ) : shown.length === 0 ? (
        <p className="pe-muted" role="status">
          {t('editor.speakers.noMatch', { query })}
        </p>
      ) : (
        <ul className="pe-cards">
          {shown.map((speaker) => (
            <li key={speaker.id} className="pe-card">
              <Avatar name={speaker.name} photoUrl={speaker.photoUrl} />
              <div className="pe-card__main">
                <h3 className="pe-card__title">
                  {speaker.honorific ? `${speaker.honorific} ` : ''}
                  {speaker.name}
                </h3>
                <p className="pe-muted">
                  {[speaker.title, speaker.organisation, speaker.country].filter(Boolean).join(' · ')}
                </p>
              </div>
              <div className="pe-actions">
                <Button
                  variant="secondary"
                  onClick={() => setEditing(speaker)}
                  aria-label={t('editor.editNamed', { name: speaker.name })}
                >
                  {t('editor.edit')}
                </Button>
                <Button
                  variant="quiet"
                  className="pe-danger"
                  onClick={() => setDeleting(speaker)}
                  aria-label={t('editor.deleteNamed', { name: speaker.name })}
                >
                  {t('editor.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <SpeakerForm
          slug={slug}
          speaker={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('editor.speakers.confirmDeleteTitle', { name: deleting.name })}
          message={t('editor.speakers.confirmDeleteMessage')}
          confirmLabel={t('editor.delete')}
          busy={busy}
          onConfirm={() => void handleDelete(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function SpeakerForm({
  slug,
  speaker,
  onDone,
}: {
  slug: string;
  speaker: ManagedSpeaker | null;
  onDone: () => void;
}) {
  const { t } = useOrganiserTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(speaker);
  const [values, setValues] = useState(() => toValues(speaker));
  const [errors, setErrors] = useState<Partial<Record<SpeakerField, string>>>({});
  const [failure, setFailure] = useState<{
    title: string;
    message: string;
    tone: 'error' | 'warning';
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: SpeakerField, value: string) => setValues((current) => ({ ...current, [key]: value }));

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (values.name.trim() === '') {
      setErrors({ name: t('editor.session.errors.required') });
      return;
    }
    setErrors({});
    const body = {
      honorific: orNull(values.honorific),
      name: values.name.trim(),
      title: values.title.trim(),
      organisation: orNull(values.organisation),
      country: orNull(values.country),
      bio: orNull(values.bio),
    };
    setBusy(true);
    setFailure(null);
    try {
      if (base) await updateSpeaker(slug, base.id, base.version, body);
      else await createSpeaker(slug, body);
      await refreshProgramme(queryClient, slug);
      onDone();
    } catch (error) {
      const theirs = readSpeakerConflict(error);
      if (theirs) {
        setBase(theirs);
        setValues(toValues(theirs));
        setFailure({
          title: t('editor.speakers.conflictTitle'),
          message: t('editor.speakers.conflictMessage'),
          tone: 'warning',
        });
        return;
      }
      const byField: Partial<Record<SpeakerField, string>> = {};
      for (const issue of getValidationIssues(error)) {
        const field = issue.path.split('.')[0] as SpeakerField;
        if (field in values) byField[field] = issue.message;
      }
      setErrors(byField);
      setFailure({ ...describeError(error, t), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <EditorDialog
      title={speaker ? t('editor.speakers.editTitle', { name: speaker.name }) : t('editor.speakers.addTitle')}
      onClose={onDone}
      closeLabel={t('editor.close')}
      wide
    >
      <form className="pe-form" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {failure && (
          <Notice tone={failure.tone} role="alert" title={failure.title} headingLevel={3}>
            <p>{failure.message}</p>
          </Notice>
        )}
        <div className="pe-form__grid">
          <TextField
            id="pe-speaker-honorific"
            label={t('editor.speakers.honorific')}
            hint={t('editor.speakers.honorificHint')}
            optionalLabel={t('editor.optional')}
            value={values.honorific}
            onChange={(e) => set('honorific', e.target.value)}
            error={errors.honorific}
            maxLength={50}
          />
          <TextField
            id="pe-speaker-name"
            label={t('editor.speakers.name')}
            value={values.name}
            onChange={(e) => set('name', e.target.value)}
            error={errors.name}
            maxLength={200}
            required
          />
          <TextField
            id="pe-speaker-title"
            label={t('editor.speakers.jobTitle')}
            optionalLabel={t('editor.optional')}
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            error={errors.title}
            maxLength={300}
          />
          <TextField
            id="pe-speaker-organisation"
            label={t('editor.speakers.organisation')}
            optionalLabel={t('editor.optional')}
            value={values.organisation}
            onChange={(e) => set('organisation', e.target.value)}
            error={errors.organisation}
            maxLength={200}
          />
          <TextField
            id="pe-speaker-country"
            label={t('editor.speakers.country')}
            optionalLabel={t('editor.optional')}
            value={values.country}
            onChange={(e) => set('country', e.target.value)}
            error={errors.country}
            maxLength={100}
          />
        </div>
        {base ? (
          <SpeakerPhotoField
            slug={slug}
            speaker={base}
            onChange={(updated) => {
              // The photo bumps the speaker's version: later saves of this form send the new one.
              setBase(updated);
              void refreshProgramme(queryClient, slug);
            }}
          />
        ) : (
          <div className="pe-photo-slot" data-photo-slot="">
            <Avatar name={values.name || '?'} photoUrl={null} size="lg" />
            <p className="pe-muted">{t('editor.speakers.photoPending')}</p>
          </div>
        )}
        <TextAreaField
          id="pe-speaker-bio"
          label={t('editor.speakers.bio')}
          hint={t('editor.markdownHint')}
          optionalLabel={t('editor.optional')}
          rows={6}
          value={values.bio}
          onChange={(e) => set('bio', e.target.value)}
          error={errors.bio}
        />
        <div className="pe-actions">
          <Button type="submit" disabled={busy}>
            {busy ? t('editor.saving') : speaker ? t('editor.save') : t('editor.speakers.create')}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            {t('editor.discard')}
          </Button>
        </div>
      </form>
    </EditorDialog>
  );
}
