import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

export interface TicketQrCodeProps {
  payload: string;
  /** Says what the code is, e.g. "QR code of Jane Doe's ticket for VMC 2021". */
  alt: string;
  /** Shown if the code cannot be drawn. */
  failureLabel: string;
}

/** CSS size of the code: well above the 280 px a phone camera at the door needs. */
const DISPLAY_SIZE = 320;

/**
 * The ticket's QR code as an image: black on white, four modules of quiet zone, drawn at twice the display
 * size so it stays sharp on dense screens.
 */
export function TicketQrCode({ payload, alt, failureLabel }: TicketQrCodeProps) {
  const [image, setImage] = useState<{ payload: string; src: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    toDataURL(payload, {
      errorCorrectionLevel: 'M',
      margin: 4,
      width: DISPLAY_SIZE * 2,
      color: { dark: '#000000', light: '#ffffff' },
    }).then(
      (src) => {
        if (current) setImage({ payload, src });
      },
      () => {
        if (current) setImage({ payload, src: null });
      },
    );
    return () => {
      current = false;
    };
  }, [payload]);

  const ready = image?.payload === payload ? image : null;
  if (ready && ready.src === null) {
    return (
      <p className="pa-qr pa-qr--failed" role="alert">
        {failureLabel}
      </p>
    );
  }
  return ready?.src ? (
    <img className="pa-qr" src={ready.src} alt={alt} width={DISPLAY_SIZE} height={DISPLAY_SIZE} />
  ) : (
    <div className="pa-qr pa-qr--pending" aria-hidden="true" />
  );
}
