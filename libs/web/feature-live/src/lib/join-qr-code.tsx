import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

export interface JoinQrCodeProps {
  url: string;
  /** Says what the code is, e.g. "QR code of the link to this session". */
  alt: string;
  /** Shown if the code cannot be drawn. */
  failureLabel: string;
  className?: string;
}

/** A QR code of a link, black on white with a quiet zone, drawn large enough to scan across a hall. */
export function JoinQrCode({ url, alt, failureLabel, className }: JoinQrCodeProps) {
  const [image, setImage] = useState<{ url: string; src: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    toDataURL(url, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 800,
      color: { dark: '#000000', light: '#ffffff' },
    }).then(
      (src) => {
        if (current) setImage({ url, src });
      },
      () => {
        if (current) setImage({ url, src: null });
      },
    );
    return () => {
      current = false;
    };
  }, [url]);

  const ready = image?.url === url ? image : null;
  if (ready && ready.src === null) return <p className={className}>{failureLabel}</p>;
  return ready?.src ? (
    <img className={className} src={ready.src} alt={alt} />
  ) : (
    <div className={className} aria-hidden="true" />
  );
}
