import { BroadcastIcon } from '@plenary/web-ui';
import { useMaybeEmbedContext } from './embed-context';
import { FALLBACK_LIVESTREAM_EMBED_URL, YOUTUBE } from './embed-sources';
import { useProgrammeTranslation } from './programme-i18n';

/**
 * The session's public stream on YouTube, under the live stage: for anyone the stage cannot serve (not signed
 * in, a blocked network). Renders nothing when the app provides no embed component. The stream URL is one
 * constant for now (`FALLBACK_LIVESTREAM_EMBED_URL`); a per-session URL would come in through a prop.
 */
export function FallbackLivestream() {
  const { t } = useProgrammeTranslation();
  const Embed = useMaybeEmbedContext();
  if (!Embed) return null;
  return (
    <div className="pp-fallback" data-slot="fallback-livestream">
      <div className="pp-fallback__text">
        <h3 className="pp-fallback__title">{t('session.fallback.title')}</h3>
        <p className="pp-fallback__message">{t('session.fallback.message')}</p>
      </div>
      <Embed
        provider={YOUTUBE}
        src={FALLBACK_LIVESTREAM_EMBED_URL}
        title={t('session.fallback.embedTitle')}
        aspectRatio="16 / 9"
        icon={<BroadcastIcon />}
      />
    </div>
  );
}
