import { Button, classNames } from '@plenary/web-ui';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Trans } from 'react-i18next';
import { Link } from 'react-router';
import { useConsentContext } from './consent-context';
import { useConsentTranslation } from './consent-i18n';
import { PRIVACY_SETTINGS_PATH } from './privacy-settings-path';

/** What embedded players and maps may do inside their frame: run, play, go fullscreen, open links in a tab. */
const EMBED_SANDBOX =
  'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox';
const EMBED_ALLOW = 'encrypted-media; picture-in-picture; fullscreen';

export interface ThirdPartyEmbedProps {
  /** The service's display name, e.g. "YouTube", "OpenStreetMap". */
  provider: string;
  /** The frame's URL at the provider. */
  src: string;
  /** Names the frame for assistive technology, e.g. "Map of Vienna". */
  title: string;
  /** CSS aspect ratio of the frame, e.g. "16 / 9". */
  aspectRatio?: string;
  /** A decorative icon for the placeholder. */
  icon?: ReactNode;
}

/**
 * A frame from another service that loads only with `embeds` consent. Until then it shows a placeholder that
 * names the service and what loading it shares, with a button that grants the consent: nothing is requested
 * from the service's origin before that (no frame, no preconnect, no image).
 */
export function ThirdPartyEmbed({
  provider,
  src,
  title,
  aspectRatio = '16 / 9',
  icon,
}: ThirdPartyEmbedProps) {
  const consent = useConsentContext();
  const { t } = useConsentTranslation();
  const id = useId();
  const [grantedHere, setGrantedHere] = useState(false);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const allowed = consent.isAllowed('embeds');

  // The button that granted consent is gone: take focus to the content it loaded.
  useEffect(() => {
    if (grantedHere) frameRef.current?.focus();
  }, [grantedHere]);

  const handleLoad = () => {
    consent.save({ ...consent.choice, embeds: true });
    setGrantedHere(true);
  };

  return (
    <div className="pc-embed">
      <div
        className={classNames('pc-embed__frame', allowed && 'pc-embed__frame--loaded')}
        style={{ aspectRatio }}
      >
        {allowed ? (
          <iframe
            ref={frameRef}
            className="pc-embed__iframe"
            src={src}
            title={title}
            loading="lazy"
            referrerPolicy="strict-origin-when-cross-origin"
            sandbox={EMBED_SANDBOX}
            allow={EMBED_ALLOW}
            allowFullScreen
          />
        ) : (
          <div className="pc-embed__placeholder" role="group" aria-labelledby={`${id}-title`}>
            {icon && <span className="pc-embed__icon">{icon}</span>}
            <p id={`${id}-title`} className="pc-embed__title">
              {title}
            </p>
            <p className="pc-embed__message">{t('embed.connects', { provider })}</p>
            <Button onClick={handleLoad}>{t('embed.load', { provider })}</Button>
            <p className="pc-embed__scope">
              {t('embed.scope')} <Link to={PRIVACY_SETTINGS_PATH}>{t('embed.settingsLink')}</Link>
            </p>
          </div>
        )}
      </div>
      <p className="pc-embed__status" role="status">
        {allowed && grantedHere && (
          <Trans
            t={t}
            i18nKey="embed.granted"
            components={{ settingsLink: <Link to={PRIVACY_SETTINGS_PATH} /> }}
          />
        )}
      </p>
    </div>
  );
}
