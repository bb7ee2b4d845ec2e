import { SESSION_KINDS, SPEAKER_ROLES } from '@plenary/contracts';
import type {
  ManagedEvent,
  ManagedRoom,
  ManagedSession,
  ManagedSpeaker,
  ProgrammeWarning,
  SessionKind,
  SessionWriteResult,
  SpeakerRole,
} from '@plenary/contracts';
import {
  cancelSession,
  createSession,
  deleteSession,
  getValidationIssues,
  isApiErrorCode,
  readSessionConflict,
  refreshProgramme,
  updateSession,
} from '@plenary/web-data-access';
import {
  Button,
  CheckboxField,
  ErrorSummary,
  Notice,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '@plenary/web-ui';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../describe-error';
import { useFormatLocale, useOrganiserTranslation } from '../organiser-i18n';
import { ConflictDialog } from './conflict-dialog';
import { EditorDialog } from './editor-dialog';
import {
  ABSTRACT_MAX,
  TITLE_MAX,
  formToRequest,
  fieldOfIssue,
  sessionPatch,
  sessionToForm,
  validateSessionForm,
} from './session-form-model';
import type { SessionField, SessionFormProblem, SessionFormValues } from './session-form-model';
import { daysBetween } from './wall-clock';

export interface SessionFormProps {
  slug: string;
  event: ManagedEvent;
  rooms: readonly ManagedRoom[];
  speakers: readonly ManagedSpeaker[];
  /** The session edited; null to add one. */
  session: ManagedSession | null;
  /** The form's first values (a new session's day, room and times). */
  initial: SessionFormValues;
  /** The programme's warnings; those about this session are shown on top. */
  warnings: readonly ProgrammeWarning[];
  /** Saved (with the server's warnings), cancelled, deleted, or closed unsaved (null). */
  onDone: (outcome: { kind: 'saved'; result: SessionWriteResult } | { kind: 'deleted' } | null) => void;
}

const fieldId = (field: SessionField) => `pe-session-${field}`;

/** Adding or editing one session, in a dialog: every field, its line-up, cancel and delete. */
export function SessionForm({
  slug,
  event,
  rooms,
  speakers,
  session,
  initial,
  warnings,
  onDone,
}: SessionFormProps) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SessionFormValues>(() => (session ? sessionToForm(session) : initial));
  /** The version this form edits: a conflict's "Use theirs" / "Overwrite" moves it to theirs. */
  const [base, setBase] = useState<ManagedSession | null>(session);
  const [problems, setProblems] = useState<Partial<Record<SessionField, SessionFormProblem>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<SessionField, string>>>({});
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const [conflict, setConflict] = useState<ManagedSession | null>(null);
  const [confirming, setConfirming] = useState<'cancel' | 'delete' | null>(null);
  const [hasActivity, setHasActivity] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [speakerToAdd, setSpeakerToAdd] = useState('');
  const summary = useRef<HTMLDivElement>(null);

  const set = <Key extends keyof SessionFormValues>(key: Key, value: SessionFormValues[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const days = daysBetween(event.startDate, event.endDate);
  if (values.day && !days.includes(values.day)) days.push(values.day);
  const mine = base ? warnings.filter((warning) => warning.sessionIds.includes(base.id)) : [];

  const errorOf = (field: SessionField): string | undefined => {
    const problem = problems[field];
    if (problem)
      return t(`editor.session.errors.${problem}`, { max: field === 'title' ? TITLE_MAX : ABSTRACT_MAX });
    return serverErrors[field];
  };
  const fields: SessionField[] = [
    'title',
    'abstract',
    'day',
    'startTime',
    'endTime',
    'roomId',
    'speakers',
    'kind',
  ];
  const errorItems = fields.flatMap((field) => {
    const message = errorOf(field);
    return message
      ? [{ fieldId: fieldId(field), message: `${t(`editor.session.fields.${field}`)}: ${message}` }]
      : [];
  });

  const finish = async (result: SessionWriteResult) => {
    await refreshProgramme(queryClient, slug);
    onDone({ kind: 'saved', result });
  };

  const handleError = (error: unknown) => {
    const theirs = readSessionConflict(error);
    if (theirs) {
      setConflict(theirs);
      return;
    }
    const issues = getValidationIssues(error);
    const byField: Partial<Record<SessionField, string>> = {};
    for (const issue of issues) {
      const field = fieldOfIssue(issue);
      if (field && !byField[field]) byField[field] = issue.message;
    }
    if (Object.keys(byField).length > 0) {
      setServerErrors(byField);
      setFailure(isApiErrorCode(error, 'programme/outside-event') ? describeError(error, t) : null);
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setFailure(describeError(error, t));
  };

  const save = async (against: ManagedSession | null, toSave: SessionFormValues) => {
    setBusy(true);
    setFailure(null);
    setServerErrors({});
    try {
      if (!against) {
        await finish(await createSession(slug, formToRequest(toSave)));
        return;
      }
      const patch = sessionPatch(against, toSave);
      if (!patch) {
        onDone(null);
        return;
      }
      await finish(await updateSession(slug, against.id, against.version, patch));
    } catch (error) {
      handleError(error);
    } finally {
      setBusy(false);
    }
  };

  const handleSubmit = (submitEvent: FormEvent) => {
    submitEvent.preventDefault();
    const found = validateSessionForm(values);
    setProblems(found);
    setServerErrors({});
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    void save(base, values);
  };

  const handleUseTheirs = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(sessionToForm(conflict));
    setConflict(null);
    setNotice(t('editor.conflict.showingTheirs'));
    void refreshProgramme(queryClient, slug);
  };

  const handleOverwrite = () => {
    if (!conflict) return;
    const theirs = conflict;
    setBase(theirs);
    setConflict(null);
    void save(theirs, values);
  };

  const handleCancelSession = async () => {
    if (!base) return;
    setBusy(true);
    try {
      await finish(await cancelSession(slug, base.id));
    } catch (error) {
      setConfirming(null);
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const handleDelete = async () => {
    if (!base) return;
    setBusy(true);
    try {
      await deleteSession(slug, base.id);
      await refreshProgramme(queryClient, slug);
      onDone({ kind: 'deleted' });
    } catch (error) {
      setConfirming(null);
      if (isApiErrorCode(error, 'programme/session-has-activity')) setHasActivity(error.message);
      else setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const moveSpeaker = (index: number, by: -1 | 1) =>
    setValues((current) => {
      const next = [...current.speakers];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return { ...current, speakers: next };
    });
  const available = speakers.filter(
    (speaker) => !values.speakers.some((link) => link.speakerId === speaker.id),
  );

  return (
    <EditorDialog
      title={base ? t('editor.session.editTitle', { title: base.title }) : t('editor.session.addTitle')}
      onClose={() => onDone(null)}
      closeLabel={t('editor.close')}
      wide
    >
      <form className="pe-form" onSubmit={handleSubmit} noValidate aria-label={t('editor.session.formLabel')}>
        {errorItems.length > 0 && (
          <ErrorSummary ref={summary} title={t('editor.session.errors.summary')} items={errorItems} />
        )}
        {failure && (
          <Notice tone="error" title={failure.title} role="alert" headingLevel={3}>
            <p>{failure.message}</p>
          </Notice>
        )}
        {notice && (
          <Notice tone="info" role="status" headingLevel={3}>
            <p>{notice}</p>
          </Notice>
        )}
        {base?.cancelled && (
          <Notice tone="warning" headingLevel={3} title={t('editor.session.cancelledTitle')}>
            <p>{t('editor.session.cancelledMessage')}</p>
          </Notice>
        )}
        {mine.length > 0 && (
          <Notice tone="warning" headingLevel={3} title={t('editor.warnings.forSession')}>
            <ul className="pe-plain-list">
              {mine.map((warning) => (
                <li key={`${warning.code}-${warning.sessionIds.join()}-${warning.speakerId ?? ''}`}>
                  {warning.message}
                </li>
              ))}
            </ul>
          </Notice>
        )}

        <div className="pe-form__grid">
          <TextField
            id={fieldId('title')}
            label={t('editor.session.fields.title')}
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
            error={errorOf('title')}
            required
            className="pe-form__wide"
          />
          <SelectField
            id={fieldId('kind')}
            label={t('editor.session.fields.kind')}
            value={values.kind}
            onChange={(e) => set('kind', e.target.value as SessionKind)}
            error={errorOf('kind')}
          >
            {SESSION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`editor.kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={fieldId('roomId')}
            label={t('editor.session.fields.roomId')}
            value={values.roomId}
            onChange={(e) => set('roomId', e.target.value)}
            error={errorOf('roomId')}
          >
            <option value="">{t('editor.session.noRoom')}</option>
            {rooms.map((room) => (
              <option key={room.id} value={room.id}>
                {room.name}
              </option>
            ))}
          </SelectField>
        </div>

        <fieldset className="pe-fieldset">
          <legend className="pl-field__label">{t('editor.session.when')}</legend>
          <p className="pl-field__hint" id="pe-session-zone">
            {t('editor.session.zoneHint', { zone: event.timeZone })}
          </p>
          <div className="pe-form__grid pe-form__grid--times">
            <SelectField
              id={fieldId('day')}
              label={t('editor.session.fields.day')}
              value={values.day}
              onChange={(e) => set('day', e.target.value)}
              error={errorOf('day')}
            >
              {days.map((day) => (
                <option key={day} value={day}>
                  {new Intl.DateTimeFormat(locale, {
                    weekday: 'short',
                    day: 'numeric',
                    month: 'short',
                    year: 'numeric',
                    timeZone: 'UTC',
                  }).format(new Date(`${day}T00:00:00Z`))}
                </option>
              ))}
            </SelectField>
            <TextField
              id={fieldId('startTime')}
              type="time"
              step={300}
              label={t('editor.session.fields.startTime')}
              value={values.startTime}
              onChange={(e) => set('startTime', e.target.value)}
              error={errorOf('startTime')}
              aria-describedby={`pe-session-zone${errorOf('startTime') ? ` ${fieldId('startTime')}-error` : ''}`}
            />
            <TextField
              id={fieldId('endTime')}
              type="time"
              step={300}
              label={t('editor.session.fields.endTime')}
              value={values.endTime}
              onChange={(e) => set('endTime', e.target.value)}
              error={errorOf('endTime')}
              aria-describedby={`pe-session-zone${errorOf('endTime') ? ` ${fieldId('endTime')}-error` : ''}`}
            />
          </div>
        </fieldset>

        <TextAreaField
          id={fieldId('abstract')}
          label={t('editor.session.fields.abstract')}
          hint={t('editor.markdownHint')}
          optionalLabel={t('editor.optional')}
          rows={5}
          value={values.abstract}
          onChange={(e) => set('abstract', e.target.value)}
          error={errorOf('abstract')}
        />

        <fieldset
          className="pe-fieldset"
          aria-describedby={errorOf('speakers') ? `${fieldId('speakers')}-error` : undefined}
        >
          <legend className="pl-field__label">{t('editor.session.fields.speakers')}</legend>
          {errorOf('speakers') && (
            <p id={`${fieldId('speakers')}-error`} className="pl-field__error">
              {errorOf('speakers')}
            </p>
          )}
          {values.speakers.length === 0 ? (
            <p className="pe-muted">{t('editor.session.noSpeakers')}</p>
          ) : (
            <ol className="pe-lineup">
              {values.speakers.map((link, index) => {
                const speaker = speakers.find((s) => s.id === link.speakerId);
                const name = speaker?.name ?? '?';
                return (
                  <li key={link.speakerId} className="pe-lineup__item">
                    <span className="pe-lineup__name">{name}</span>
                    <label className="pl-visually-hidden" htmlFor={`pe-role-${link.speakerId}`}>
                      {t('editor.session.roleOf', { name })}
                    </label>
                    <select
                      id={`pe-role-${link.speakerId}`}
                      className="pl-input pl-select pe-lineup__role"
                      value={link.role}
                      onChange={(e) =>
                        setValues((current) => ({
                          ...current,
                          speakers: current.speakers.map((other) =>
                            other.speakerId === link.speakerId
                              ? { ...other, role: e.target.value as SpeakerRole }
                              : other,
                          ),
                        }))
                      }
                    >
                      {SPEAKER_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`editor.roles.${role}`)}
                        </option>
                      ))}
                    </select>
                    <span className="pe-lineup__buttons">
                      <Button
                        variant="quiet"
                        disabled={index === 0}
                        onClick={() => moveSpeaker(index, -1)}
                        aria-label={t('editor.session.moveUp', { name })}
                      >
                        ↑
                      </Button>
                      <Button
                        variant="quiet"
                        disabled={index === values.speakers.length - 1}
                        onClick={() => moveSpeaker(index, 1)}
                        aria-label={t('editor.session.moveDown', { name })}
                      >
                        ↓
                      </Button>
                      <Button
                        variant="quiet"
                        onClick={() =>
                          set(
                            'speakers',
                            values.speakers.filter((other) => other.speakerId !== link.speakerId),
                          )
                        }
                        aria-label={t('editor.session.removeSpeaker', { name })}
                      >
                        {t('editor.remove')}
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
          {available.length > 0 && (
            <div className="pe-inline">
              <SelectField
                id={fieldId('speakers')}
                label={t('editor.session.addSpeaker')}
                value={speakerToAdd}
                onChange={(e) => setSpeakerToAdd(e.target.value)}
              >
                <option value="">{t('editor.session.chooseSpeaker')}</option>
                {available.map((speaker) => (
                  <option key={speaker.id} value={speaker.id}>
                    {speaker.name}
                  </option>
                ))}
              </SelectField>
              <Button
                variant="secondary"
                disabled={speakerToAdd === ''}
                onClick={() => {
                  set('speakers', [...values.speakers, { speakerId: speakerToAdd, role: 'speaker' }]);
                  setSpeakerToAdd('');
                }}
              >
                {t('editor.session.addSpeakerButton')}
              </Button>
            </div>
          )}
        </fieldset>

        <div className="pe-form__grid">
          <div className="pe-fieldset">
            <CheckboxField
              id="pe-session-qa"
              label={t('editor.session.fields.qaEnabled')}
              checked={values.qaEnabled}
              onChange={(e) => set('qaEnabled', e.target.checked)}
            />
            <CheckboxField
              id="pe-session-polls"
              label={t('editor.session.fields.pollsEnabled')}
              checked={values.pollsEnabled}
              onChange={(e) => set('pollsEnabled', e.target.checked)}
            />
            <CheckboxField
              id="pe-session-confidential"
              label={t('editor.session.fields.confidential')}
              hint={t('editor.session.confidentialHint')}
              checked={values.confidential}
              onChange={(e) => set('confidential', e.target.checked)}
            />
          </div>
          <RadioGroup
            id="pe-session-visibility"
            name="visibility"
            legend={t('editor.session.fields.visibility')}
            options={[
              { value: 'public', label: t('editor.visibility.public') },
              {
                value: 'registered',
                label: t('editor.visibility.registered'),
                description: t('editor.visibility.registeredHint'),
              },
            ]}
            value={values.visibility}
            onChange={(value) => set('visibility', value)}
          />
        </div>

        <div className="pe-actions pe-actions--split">
          <div className="pe-actions">
            <Button type="submit" disabled={busy}>
              {busy ? t('editor.saving') : base ? t('editor.save') : t('editor.session.create')}
            </Button>
            <Button variant="secondary" onClick={() => onDone(null)} disabled={busy}>
              {t('editor.discard')}
            </Button>
          </div>
          {base && (
            <div className="pe-actions">
              {!base.cancelled && (
                <Button variant="quiet" onClick={() => setConfirming('cancel')} disabled={busy}>
                  {t('editor.session.cancelSession')}
                </Button>
              )}
              <Button
                variant="quiet"
                className="pe-danger"
                onClick={() => setConfirming('delete')}
                disabled={busy}
              >
                {t('editor.session.delete')}
              </Button>
            </div>
          )}
        </div>

        {hasActivity && (
          <Notice
            tone="warning"
            role="alert"
            headingLevel={3}
            title={t('editor.session.hasActivityTitle')}
            actions={
              base && !base.cancelled ? (
                <Button onClick={() => void handleCancelSession()} disabled={busy}>
                  {t('editor.session.cancelInstead')}
                </Button>
              ) : undefined
            }
          >
            <p>{hasActivity}</p>
          </Notice>
        )}
      </form>

      {confirming && base && (
        <EditorDialog
          role="alertdialog"
          title={
            confirming === 'delete'
              ? t('editor.session.confirmDeleteTitle', { title: base.title })
              : t('editor.session.confirmCancelTitle', { title: base.title })
          }
          onClose={() => setConfirming(null)}
          closeLabel={t('editor.close')}
        >
          <p>
            {confirming === 'delete'
              ? t('editor.session.confirmDeleteMessage')
              : t('editor.session.confirmCancelMessage')}
          </p>
          <div className="pe-actions">
            <Button variant="secondary" onClick={() => setConfirming(null)} data-autofocus>
              {t('editor.keep')}
            </Button>
            <Button
              className={confirming === 'delete' ? 'pe-danger-button' : undefined}
              disabled={busy}
              onClick={() => void (confirming === 'delete' ? handleDelete() : handleCancelSession())}
            >
              {confirming === 'delete' ? t('editor.session.delete') : t('editor.session.cancelSession')}
            </Button>
          </div>
        </EditorDialog>
      )}

      {conflict && (
        <ConflictDialog
          mine={values}
          theirs={sessionToForm(conflict)}
          rooms={rooms}
          speakers={speakers}
          busy={busy}
          onUseTheirs={handleUseTheirs}
          onOverwrite={handleOverwrite}
        />
      )}
    </EditorDialog>
  );
}
