import { Button } from '@plenary/web-ui';
import { useEffect, useId, useRef, useState } from 'react';
import { useStageTranslation } from './stage-i18n';

/** What the speaker chose before joining: which devices, and whether camera and microphone start on. */
export interface DeviceChoices {
  videoEnabled: boolean;
  audioEnabled: boolean;
  videoDeviceId: string | undefined;
  audioDeviceId: string | undefined;
}

/**
 * The backstage's device check (like LiveKit's PreJoin, without a name field: the server names participants):
 * camera preview, camera and microphone pickers, on/off for each. Uses the browser's media APIs directly so the
 * LiveKit bundle is not loaded before the speaker joins. Stops its tracks when it goes away.
 */
export function DevicePreview({ onJoin }: { onJoin: (choices: DeviceChoices) => void }) {
  const { t } = useStageTranslation();
  const id = useId();
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [videoEnabled, setVideoEnabled] = useState(true);
  const [audioEnabled, setAudioEnabled] = useState(true);
  const [videoDeviceId, setVideoDeviceId] = useState<string | undefined>();
  const [audioDeviceId, setAudioDeviceId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (!media?.getUserMedia || (!videoEnabled && !audioEnabled)) return undefined;
    let stream: MediaStream | undefined;
    let cancelled = false;
    media
      .getUserMedia({
        video: videoEnabled ? (videoDeviceId ? { deviceId: { exact: videoDeviceId } } : true) : false,
        audio: audioEnabled ? (audioDeviceId ? { deviceId: { exact: audioDeviceId } } : true) : false,
      })
      .then(async (granted) => {
        if (cancelled) {
          granted.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = granted;
        setError(null);
        if (video.current) video.current.srcObject = granted;
        // Labels are only readable once permission was given.
        setDevices(await media.enumerateDevices());
      })
      .catch((reason: unknown) => {
        if (!cancelled) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [videoEnabled, audioEnabled, videoDeviceId, audioDeviceId]);

  const cameras = devices.filter((device) => device.kind === 'videoinput');
  const microphones = devices.filter((device) => device.kind === 'audioinput');

  return (
    <div className="st-preview">
      <div className="st-preview__video pl-on-dark">
        {videoEnabled && !error ? (
          <video ref={video} className="st-preview__media" autoPlay muted playsInline />
        ) : (
          <p className="st-screen__message">{t('screen.preview.noPreview')}</p>
        )}
      </div>
      <div className="st-preview__form">
        <h3 className="st-preview__title">{t('screen.preview.title')}</h3>
        <p className="st-muted">{t('screen.preview.message')}</p>
        {error && (
          <p className="st-error" role="alert">
            {t('screen.preview.previewFailed', { message: error })}
          </p>
        )}
        <label className="st-check">
          <input
            type="checkbox"
            checked={videoEnabled}
            onChange={(event) => setVideoEnabled(event.target.checked)}
          />
          {t('screen.preview.cameraOn')}
        </label>
        {cameras.length > 0 && (
          <div className="pl-field">
            <label htmlFor={`${id}-camera`}>{t('screen.preview.camera')}</label>
            <select
              id={`${id}-camera`}
              className="pl-input"
              value={videoDeviceId ?? ''}
              onChange={(event) => setVideoDeviceId(event.target.value || undefined)}
            >
              {cameras.map((device, index) => (
                <option key={device.deviceId || index} value={device.deviceId}>
                  {device.label || `${t('screen.preview.camera')} ${index + 1}`}
                </option>
              ))}
            </select>
          </div>
        )}
        <label className="st-check">
          <input
            type="checkbox"
            checked={audioEnabled}
            onChange={(event) => setAudioEnabled(event.target.checked)}
          />
          {t('screen.preview.microphoneOn')}
        </label>
        {microphones.length > 0 && (
          <div className="pl-field">
            <label htmlFor={`${id}-microphone`}>{t('screen.preview.microphone')}</label>
            <select
              id={`${id}-microphone`}
              className="pl-input"
              value={audioDeviceId ?? ''}
              onChange={(event) => setAudioDeviceId(event.target.value || undefined)}
            >
              {microphones.map((device, index) => (
                <option key={device.deviceId || index} value={device.deviceId}>
                  {device.label || `${t('screen.preview.microphone')} ${index + 1}`}
                </option>
              ))}
            </select>
          </div>
        )}
        <Button onClick={() => onJoin({ videoEnabled, audioEnabled, videoDeviceId, audioDeviceId })}>
          {t('screen.preview.join')}
        </Button>
      </div>
    </div>
  );
}
