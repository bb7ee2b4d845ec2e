import { findRouteHeader } from '@plenary/web-feature-programme';
import { Brand, Layout } from '@plenary/web-ui';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useMatches } from 'react-router';
import { APP_NAMESPACE } from '../i18n/i18n';

/** The frame of every page: skip link, header (with the matched route's header content), main, footer. */
export function RootLayout() {
  const { t } = useTranslation(APP_NAMESPACE);
  const matches = useMatches();
  return (
    <Layout
      subheader={findRouteHeader(matches)}
      brand={<Brand name={t('brand')} />}
      brandHref="/"
      brandLabel={t('brandHomeLabel')}
      skipLinkLabel={t('skipLink')}
      footer={
        <div className="app-footer">
          <p className="app-footer__tagline">{t('footer.tagline')}</p>
          <p>{t('footer.note')}</p>
        </div>
      }
    >
      <Outlet />
      <ScrollRestoration />
    </Layout>
  );
}
