import type { LiveConnectionState } from '@plenary/web-data-access';
import { classNames } from '@plenary/web-ui';
import { useLiveTranslation } from './live-i18n';

/** A dot and a word for the live connection: Live, Connecting…, Reconnecting…, Offline or Signed out. */
export function ConnectionIndicator({
  state,
  className,
}: {
  state: LiveConnectionState;
  className?: string;
}) {
  const { t } = useLiveTranslation();
  const signedOut = state.status === 'offline' && state.reason === 'unauthenticated';
  const label = signedOut ? t('connection.signedOut') : t(`connection.${state.status}`);
  return (
    <p className={classNames('lv-connection', `lv-connection--${state.status}`, className)} role="status">
      <span className="lv-connection__dot" aria-hidden="true" />
      <span className="pl-visually-hidden">{t('connection.label')}: </span>
      {label}
    </p>
  );
}
