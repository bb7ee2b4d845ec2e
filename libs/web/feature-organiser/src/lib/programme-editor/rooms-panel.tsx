import { ROOM_VIDEO_MODES } from '@plenary/contracts';
import type { ManagedRoom, RoomVideoMode } from '@plenary/contracts';
import {
  createRoom,
  deleteRoom,
  getValidationIssues,
  readRoomConflict,
  refreshProgramme,
  updateRoom,
} from '@plenary/web-data-access';
import { Button, EmptyState, Notice, RadioGroup, TextField } from '@plenary/web-ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { describeError } from '../describe-error';
import { useOrganiserTranslation } from '../organiser-i18n';
import { ConfirmDialog } from './confirm-dialog';
import { EditorDialog } from './editor-dialog';

interface RoomValues {
  name: string;
  capacity: string;
  videoMode: RoomVideoMode;
  externalStreamUrl: string;
}

type RoomField = keyof RoomValues;

const toValues = (room: ManagedRoom | null): RoomValues => ({
  name: room?.name ?? '',
  capacity: room?.capacity === null || room?.capacity === undefined ? '' : String(room.capacity),
  videoMode: room?.videoMode ?? 'livekit',
  externalStreamUrl: room?.externalStreamUrl ?? '',
});

/** Rooms and stages of the event: list, add, edit, delete (its sessions keep no room). */
export function RoomsPanel({ slug, rooms }: { slug: string; rooms: readonly ManagedRoom[] }) {
  const { t } = useOrganiserTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<ManagedRoom | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ManagedRoom | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);

  const handleDelete = async (room: ManagedRoom) => {
    setBusy(true);
    try {
      await deleteRoom(slug, room.id);
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
    <section className="pe-panel" aria-labelledby="pe-rooms-title">
      <div className="pe-panel__head">
        <h2 id="pe-rooms-title" className="po-panel__title">
          {t('editor.rooms.title')}
        </h2>
        <Button onClick={() => setEditing('new')}>{t('editor.rooms.add')}</Button>
      </div>
      {failure && (
        <Notice tone="error" role="alert" title={failure.title} headingLevel={3}>
          <p>{failure.message}</p>
        </Notice>
      )}
      {rooms.length === 0 ? (
        <EmptyState
          headingLevel={3}
          title={t('editor.rooms.emptyTitle')}
          message={t('editor.rooms.emptyMessage')}
        />
      ) : (
        <ul className="pe-cards">
          {rooms.map((room) => (
            <li key={room.id} className="pe-card">
              <div className="pe-card__main">
                <h3 className="pe-card__title">{room.name}</h3>
                <p className="pe-muted">
                  {t(`editor.rooms.video.${room.videoMode}`)} ·{' '}
                  {room.capacity === null
                    ? t('editor.rooms.noCapacity')
                    : t('editor.rooms.capacityValue', { count: room.capacity })}
                </p>
              </div>
              <div className="pe-actions">
                <Button
                  variant="secondary"
                  onClick={() => setEditing(room)}
                  aria-label={t('editor.editNamed', { name: room.name })}
                >
                  {t('editor.edit')}
                </Button>
                <Button
                  variant="quiet"
                  className="pe-danger"
                  onClick={() => setDeleting(room)}
                  aria-label={t('editor.deleteNamed', { name: room.name })}
                >
                  {t('editor.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <RoomForm slug={slug} room={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('editor.rooms.confirmDeleteTitle', { name: deleting.name })}
          message={t('editor.rooms.confirmDeleteMessage')}
          confirmLabel={t('editor.delete')}
          busy={busy}
          onConfirm={() => void handleDelete(deleting)}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}

function RoomForm({ slug, room, onDone }: { slug: string; room: ManagedRoom | null; onDone: () => void }) {
  const { t } = useOrganiserTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(room);
  const [values, setValues] = useState(() => toValues(room));
  const [errors, setErrors] = useState<Partial<Record<RoomField, string>>>({});
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <Key extends RoomField>(key: Key, value: RoomValues[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<RoomField, string>> = {};
    if (values.name.trim() === '') found.name = t('editor.session.errors.required');
    const capacity = values.capacity.trim() === '' ? null : Number(values.capacity);
    if (capacity !== null && (!Number.isInteger(capacity) || capacity < 0)) {
      found.capacity = t('editor.rooms.capacityInvalid');
    }
    if (values.videoMode === 'external' && values.externalStreamUrl.trim() === '') {
      found.externalStreamUrl = t('editor.session.errors.required');
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = {
      name: values.name.trim(),
      capacity,
      videoMode: values.videoMode,
      externalStreamUrl: values.videoMode === 'external' ? values.externalStreamUrl.trim() : null,
    };
    setBusy(true);
    setFailure(null);
    try {
      if (base) await updateRoom(slug, base.id, base.version, body);
      else await createRoom(slug, body);
      await refreshProgramme(queryClient, slug);
      onDone();
    } catch (error) {
      const theirs = readRoomConflict(error);
      if (theirs) {
        // Someone saved the room first: show their version; saving again overwrites it knowingly.
        setBase(theirs);
        setValues(toValues(theirs));
        setFailure({ title: t('editor.rooms.conflictTitle'), message: t('editor.rooms.conflictMessage') });
        return;
      }
      const issues = getValidationIssues(error);
      if (issues.length > 0) {
        const byField: Partial<Record<RoomField, string>> = {};
        for (const issue of issues) {
          const field = issue.path.split('.')[0] as RoomField;
          if (field in values) byField[field] = issue.message;
        }
        setErrors(byField);
      }
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <EditorDialog
      title={room ? t('editor.rooms.editTitle', { name: room.name }) : t('editor.rooms.addTitle')}
      onClose={onDone}
      closeLabel={t('editor.close')}
    >
      <form className="pe-form" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {failure && (
          <Notice
            tone={base !== room ? 'warning' : 'error'}
            role="alert"
            title={failure.title}
            headingLevel={3}
          >
            <p>{failure.message}</p>
          </Notice>
        )}
        <TextField
          id="pe-room-name"
          label={t('editor.rooms.name')}
          value={values.name}
          onChange={(e) => set('name', e.target.value)}
          error={errors.name}
          maxLength={100}
          required
        />
        <TextField
          id="pe-room-capacity"
          label={t('editor.rooms.capacity')}
          hint={t('editor.rooms.capacityHint')}
          optionalLabel={t('editor.optional')}
          inputMode="numeric"
          value={values.capacity}
          onChange={(e) => set('capacity', e.target.value)}
          error={errors.capacity}
        />
        <RadioGroup
          id="pe-room-video"
          name="videoMode"
          legend={t('editor.rooms.videoMode')}
          options={ROOM_VIDEO_MODES.map((mode) => ({
            value: mode,
            label: t(`editor.rooms.video.${mode}`),
            description: t(`editor.rooms.videoHint.${mode}`),
          }))}
          value={values.videoMode}
          onChange={(mode) => set('videoMode', mode)}
          error={errors.videoMode}
        />
        {values.videoMode === 'external' && (
          <TextField
            id="pe-room-url"
            type="url"
            label={t('editor.rooms.streamUrl')}
            hint={t('editor.rooms.streamUrlHint')}
            value={values.externalStreamUrl}
            onChange={(e) => set('externalStreamUrl', e.target.value)}
            error={errors.externalStreamUrl}
          />
        )}
        <div className="pe-actions">
          <Button type="submit" disabled={busy}>
            {busy ? t('editor.saving') : room ? t('editor.save') : t('editor.rooms.create')}
          </Button>
          <Button variant="secondary" onClick={onDone}>
            {t('editor.discard')}
          </Button>
        </div>
      </form>
    </EditorDialog>
  );
}
