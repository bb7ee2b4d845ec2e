import type { ManagedRoom, ManagedSpeaker } from '@plenary/contracts';
import { Button } from '@plenary/web-ui';
import { useOrganiserTranslation } from '../organiser-i18n';
import { EditorDialog } from './editor-dialog';
import type { SessionFormValues } from './session-form-model';

export interface ConflictDialogProps {
  /** What this editor wanted to save. */
  mine: SessionFormValues;
  /** The session as someone else saved it (the 412's `details.current`). */
  theirs: SessionFormValues;
  rooms: readonly ManagedRoom[];
  speakers: readonly ManagedSpeaker[];
  busy: boolean;
  onUseTheirs: () => void;
  onOverwrite: () => void;
}

/**
 * "Someone else changed this session": both versions side by side, the differing fields marked, and the two ways
 * on — keep theirs, or save mine over it (a new PATCH with their version). Closing keeps theirs: never silent.
 */
export function ConflictDialog({
  mine,
  theirs,
  rooms,
  speakers,
  busy,
  onUseTheirs,
  onOverwrite,
}: ConflictDialogProps) {
  const { t } = useOrganiserTranslation();
  const roomName = (id: string) =>
    id === '' ? t('editor.session.noRoom') : (rooms.find((r) => r.id === id)?.name ?? '?');
  const speakerNames = (values: SessionFormValues) =>
    values.speakers.length === 0
      ? t('editor.conflict.none')
      : values.speakers
          .map(
            (link) =>
              `${speakers.find((s) => s.id === link.speakerId)?.name ?? '?'} (${t(`editor.roles.${link.role}`)})`,
          )
          .join(', ');
  const yesNo = (value: boolean) => (value ? t('editor.conflict.on') : t('editor.conflict.off'));
  const describe = (values: SessionFormValues) => ({
    title: values.title,
    kind: t(`editor.kinds.${values.kind}`),
    time: `${values.day} ${values.startTime}–${values.endTime}`,
    room: roomName(values.roomId),
    speakers: speakerNames(values),
    abstract: values.abstract.trim() === '' ? t('editor.conflict.none') : values.abstract,
    qa: yesNo(values.qaEnabled),
    polls: yesNo(values.pollsEnabled),
    confidential: yesNo(values.confidential),
    visibility: t(`editor.visibility.${values.visibility}`),
  });
  const a = describe(mine);
  const b = describe(theirs);
  const rows = (Object.keys(a) as (keyof typeof a)[]).map((key) => ({
    key,
    mine: a[key],
    theirs: b[key],
    differs: a[key] !== b[key],
  }));

  return (
    <EditorDialog
      role="alertdialog"
      title={t('editor.conflict.title')}
      onClose={onUseTheirs}
      closeLabel={t('editor.close')}
      wide
    >
      <p>{t('editor.conflict.message')}</p>
      <div className="pe-conflict__scroll">
        <table className="pe-conflict">
          <thead>
            <tr>
              <th scope="col">{t('editor.conflict.field')}</th>
              <th scope="col">{t('editor.conflict.mine')}</th>
              <th scope="col">{t('editor.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.differs ? 'pe-conflict__row--differs' : undefined}>
                <th scope="row">
                  {t(`editor.conflict.fields.${row.key}`)}
                  {row.differs && (
                    <span className="pe-conflict__changed"> {t('editor.conflict.differs')}</span>
                  )}
                </th>
                <td>{row.mine}</td>
                <td>{row.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pe-actions">
        <Button variant="secondary" onClick={onUseTheirs} disabled={busy} data-autofocus>
          {t('editor.conflict.useTheirs')}
        </Button>
        <Button onClick={onOverwrite} disabled={busy}>
          {busy ? t('editor.saving') : t('editor.conflict.overwrite')}
        </Button>
      </div>
    </EditorDialog>
  );
}
