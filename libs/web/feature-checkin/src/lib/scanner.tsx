import { Button } from '@plenary/web-ui';
import { useEffect, useRef, useState } from 'react';
import { ReadDebouncer } from './barcode-reader';
import type { QrDetectorFactory } from './barcode-reader';
import { useCheckinTranslation } from './checkin-i18n';

export interface ScannerProps {
  /** Called with each newly read code (debounced). */
  onCode: (code: string) => void;
  /** While true (a verdict is shown), frames are not read. */
  paused: boolean;
  createDetector: QrDetectorFactory;
  /** The same code is taken again only after this long. */
  cooldownMs?: number;
}

const FRAME_INTERVAL_MS = 150;

/** The rear camera (`getUserMedia`) with a QR reader on its frames. */
export function Scanner({ onCode, paused, createDetector, cooldownMs = 8000 }: ScannerProps) {
  const { t } = useCheckinTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'running' | { failed: string }>('starting');
  const [attempt, setAttempt] = useState(0);
  const pausedRef = useRef(paused);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    pausedRef.current = paused;
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const debouncer = new ReadDebouncer(cooldownMs);

    const run = async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(t('scanner.noCamera'));
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      const video = videoRef.current;
      if (stopped || !video) return;
      video.srcObject = stream;
      await video.play();
      const detector = await createDetector();
      if (stopped) return;
      setState('running');
      const tick = async () => {
        if (stopped) return;
        if (!pausedRef.current && video.readyState >= 2) {
          try {
            for (const code of await detector.detect(video)) {
              if (code.rawValue && debouncer.take(code.rawValue, Date.now())) {
                onCodeRef.current(code.rawValue);
                break;
              }
            }
          } catch {
            // A frame that cannot be read: try the next one.
          }
        }
        timer = setTimeout(() => void tick(), FRAME_INTERVAL_MS);
      };
      void tick();
    };
    run().catch((error: unknown) => {
      if (!stopped) setState({ failed: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [createDetector, cooldownMs, attempt, t]);

  return (
    <div className="ck-scanner">
      <div className="ck-scanner__frame">
        <video
          ref={videoRef}
          className="ck-scanner__video"
          muted
          playsInline
          aria-label={t('scanner.videoLabel')}
        />
        <div className="ck-scanner__target" aria-hidden="true" />
      </div>
      <p className="ck-scanner__hint" role="status">
        {typeof state === 'object'
          ? t('scanner.unavailable', { reason: state.failed })
          : state === 'starting'
            ? t('scanner.starting')
            : paused
              ? t('scanner.paused')
              : t('scanner.hint')}
      </p>
      {typeof state === 'object' && (
        <Button
          variant="secondary"
          onClick={() => {
            setState('starting');
            setAttempt((value) => value + 1);
          }}
        >
          {t('scanner.retry')}
        </Button>
      )}
    </div>
  );
}
