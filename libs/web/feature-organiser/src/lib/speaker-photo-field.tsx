import { SPEAKER_PHOTO_MAX_BYTES, SPEAKER_PHOTO_TYPES } from '@plenary/contracts';
import type { ManagedSpeaker } from '@plenary/contracts';
import { ApiRequestError, removeSpeakerPhoto, uploadSpeakerPhoto } from '@plenary/web-data-access';
import { Avatar, Button, Notice } from '@plenary/web-ui';
import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { describeError } from './describe-error';
import { useOrganiserTranslation } from './organiser-i18n';
import './speaker-photo-field.css';

export interface SpeakerPhotoFieldProps {
  slug: string;
  speaker: ManagedSpeaker;
  /** The speaker as the server answered after an upload or a removal (new version, photo). */
  onChange: (speaker: ManagedSpeaker) => void;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'removing' };

const MAX_MB = Math.round(SPEAKER_PHOTO_MAX_BYTES / (1024 * 1024));
const ACCEPT = SPEAKER_PHOTO_TYPES.join(',');

/**
 * A speaker's photo in the programme editor: the current photo (or initials), a file chooser for JPEG, PNG or
 * WebP up to 5 MB (checked here before anything is sent), upload progress, the server's refusals in plain words
 * (413 too large, 415 not an image, 422 unusable), and removal. Reports the updated speaker through `onChange`.
 */
export function SpeakerPhotoField({ slug, speaker, onChange }: SpeakerPhotoFieldProps) {
  const { t } = useOrganiserTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const chooseRef = useRef<HTMLButtonElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<{ title: string; message: string } | null>(null);
  const [news, setNews] = useState('');
  // Back on the chooser once it is enabled again (a disabled button cannot take focus).
  const [refocus, setRefocus] = useState(0);
  useEffect(() => {
    if (refocus > 0) chooseRef.current?.focus();
  }, [refocus]);

  // Leaving the page cancels an upload in flight.
  useEffect(() => () => abortRef.current?.abort(), []);

  const busy = phase.kind !== 'idle';
  const hasPhoto = speaker.photo !== null;

  const describe = (failure: unknown): { title: string; message: string } => {
    if (failure instanceof ApiRequestError) {
      const title = t('speakerPhoto.errors.title');
      if (failure.status === 413)
        return { title, message: t('speakerPhoto.errors.tooLarge', { max: MAX_MB }) };
      if (failure.status === 415) return { title, message: t('speakerPhoto.errors.notImage') };
      if (failure.status === 422) return { title, message: t('speakerPhoto.errors.unreadable') };
    }
    return describeError(failure, t);
  };

  const handleFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setNews('');
    const title = t('speakerPhoto.errors.title');
    if (file.size > SPEAKER_PHOTO_MAX_BYTES) {
      setError({ title, message: t('speakerPhoto.errors.tooLarge', { max: MAX_MB }) });
      return;
    }
    if (file.type !== '' && !(SPEAKER_PHOTO_TYPES as readonly string[]).includes(file.type)) {
      setError({ title, message: t('speakerPhoto.errors.notImage') });
      return;
    }
    setError(null);
    setPhase({ kind: 'uploading', percent: 0 });
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      const updated = await uploadSpeakerPhoto(slug, speaker.id, file, {
        signal: controller.signal,
        onProgress: (sent, total) =>
          setPhase({ kind: 'uploading', percent: total > 0 ? Math.floor((sent * 100) / total) : 0 }),
      });
      setNews(t('speakerPhoto.saved'));
      onChange(updated);
    } catch (failure) {
      if (controller.signal.aborted) return;
      setError(describe(failure));
    } finally {
      abortRef.current = null;
      if (!controller.signal.aborted) {
        setPhase({ kind: 'idle' });
        setRefocus((count) => count + 1);
      }
    }
  };

  const handleRemove = async (): Promise<void> => {
    setError(null);
    setNews('');
    setPhase({ kind: 'removing' });
    try {
      const updated = await removeSpeakerPhoto(slug, speaker.id);
      setNews(t('speakerPhoto.removed'));
      onChange(updated);
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setPhase({ kind: 'idle' });
      setRefocus((count) => count + 1);
    }
  };

  const hintId = `${id}-hint`;
  return (
    <fieldset className="po-photo" aria-describedby={hintId} aria-busy={busy}>
      <legend className="pl-field__label">{t('speakerPhoto.label')}</legend>
      <div className="po-photo__row">
        <Avatar
          name={speaker.name}
          photoUrl={speaker.photoUrl}
          photoSrcset={speaker.photo?.srcset ?? null}
          size="lg"
        />
        <div className="po-photo__body">
          <p id={hintId} className="pl-field__hint">
            {hasPhoto ? null : (
              <span className="po-photo__none">{t('speakerPhoto.none', { name: speaker.name })} </span>
            )}
            {t('speakerPhoto.hint', { max: MAX_MB, name: speaker.name })}
          </p>
          <input
            ref={inputRef}
            id={`${id}-file`}
            className="po-photo__input"
            type="file"
            accept={ACCEPT}
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => void handleFile(event)}
          />
          <div className="po-photo__actions">
            <Button
              ref={chooseRef}
              variant="secondary"
              disabled={busy}
              onClick={() => inputRef.current?.click()}
            >
              {hasPhoto ? t('speakerPhoto.replace') : t('speakerPhoto.choose')}
            </Button>
            {hasPhoto && (
              <Button variant="quiet" disabled={busy} onClick={() => void handleRemove()}>
                {phase.kind === 'removing' ? t('speakerPhoto.removing') : t('speakerPhoto.remove')}
              </Button>
            )}
          </div>
          {phase.kind === 'uploading' && (
            <div className="po-photo__progress">
              <progress
                max={100}
                value={phase.percent}
                aria-label={t('speakerPhoto.progressLabel', { name: speaker.name })}
              />
              <span>
                {phase.percent < 100
                  ? t('speakerPhoto.uploading', { percent: phase.percent })
                  : t('speakerPhoto.processing')}
              </span>
            </div>
          )}
          <p className="pl-visually-hidden" role="status">
            {news}
          </p>
        </div>
      </div>
      {error && (
        <Notice tone="error" title={error.title} headingLevel={3} role="alert" className="po-photo__error">
          {error.message}
        </Notice>
      )}
    </fieldset>
  );
}
