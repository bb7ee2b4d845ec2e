import {
  ConsentBanner,
  ConsentProvider,
  PRIVACY_SETTINGS_PATH,
  ThirdPartyEmbed,
} from '@plenary/web-feature-consent';
import { DevMailboxLink, HeaderAccount } from '@plenary/web-feature-access';
import { ConsoleStageContext, LivePanel } from '@plenary/web-feature-live';
import {
  EmbedContext,
  SessionPanelContext,
  SessionStageContext,
  findRouteHeader,
} from '@plenary/web-feature-programme';
import { ManageEventsLink } from '@plenary/web-feature-organiser';
import { ConsoleStageControls, SessionStage } from '@plenary/web-feature-stage';
import { Brand, Layout } from '@plenary/web-ui';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, ScrollRestoration, useMatches } from 'react-router';
import { APP_NAMESPACE } from '../i18n/i18n';

/**
 * The frame of every page: skip link, header (with the matched route's header content), main, footer; and the
 * consent banner until the visitor decides. Programme pages get the consent-aware embed for third-party frames,
 * the video stage and the live Q&A and polls panel beside it; the moderator console gets the stage controls.
 */
export function RootLayout() {
  const { t } = useTranslation(APP_NAMESPACE);
  const matches = useMatches();
  return (
    <ConsentProvider>
      <Layout
        subheader={findRouteHeader(matches)}
        brand={<Brand name={t('brand')} />}
        brandHref="/"
        brandLabel={t('brandHomeLabel')}
        nav={
          <div className="app-header-nav">
            <ManageEventsLink />
            <HeaderAccount />
          </div>
        }
        skipLinkLabel={t('skipLink')}
        footer={
          <div className="app-footer">
            <p className="app-footer__tagline">{t('footer.tagline')}</p>
            <p>{t('footer.note')}</p>
            <p>
              <Link to={PRIVACY_SETTINGS_PATH}>{t('footer.privacySettings')}</Link>
            </p>
            <DevMailboxLink />
          </div>
        }
      >
        <EmbedContext.Provider value={ThirdPartyEmbed}>
          <SessionPanelContext.Provider value={LivePanel}>
            <SessionStageContext.Provider value={SessionStage}>
              <ConsoleStageContext.Provider value={ConsoleStageControls}>
                <Outlet />
              </ConsoleStageContext.Provider>
            </SessionStageContext.Provider>
          </SessionPanelContext.Provider>
        </EmbedContext.Provider>
        <ScrollRestoration />
      </Layout>
      <ConsentBanner />
    </ConsentProvider>
  );
}
