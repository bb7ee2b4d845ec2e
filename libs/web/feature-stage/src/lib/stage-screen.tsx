import { BroadcastIcon, LoadingState } from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useStageTranslation } from './stage-i18n';
import type { StageScreen } from './stage-view';

/** The dark 16:9 screen of the stage with a title and content. */
export function Screen({
  title,
  alert = false,
  children,
}: {
  title: string;
  alert?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="st-screen pl-on-dark" role={alert ? 'alert' : undefined}>
      <BroadcastIcon width={40} height={40} />
      <h3 className="st-screen__title">{title}</h3>
      {children}
    </div>
  );
}

/** A passing state (loading, connecting): a status message on the screen. */
export function ScreenMessage({ screen }: { screen: StageScreen }) {
  const { t } = useStageTranslation();
  const label =
    screen === 'loading'
      ? t('screen.loading')
      : screen === 'reconnecting'
        ? t('screen.reconnecting')
        : t('screen.connecting');
  return (
    <div className="st-screen pl-on-dark">
      <LoadingState label={label}>
        <BroadcastIcon width={40} height={40} />
        <p className="st-screen__message" aria-hidden="true">
          {label}
        </p>
      </LoadingState>
    </div>
  );
}
