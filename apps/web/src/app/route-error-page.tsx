import { Button, Container, useDocumentTitle } from '@plenary/web-ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { APP_NAMESPACE } from '../i18n/i18n';

/** Shown when a page throws while rendering: says so, and offers a reload. */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation(APP_NAMESPACE);
  useDocumentTitle(t('routeError.documentTitle'));
  useEffect(() => {
    console.error(error);
  }, [error]);

  const handleReload = () => window.location.reload();

  return (
    <main id="main-content" tabIndex={-1}>
      <Container className="app-message">
        <h1 className="app-message__title">{t('routeError.title')}</h1>
        <p className="app-message__text">{t('routeError.message')}</p>
        <Button variant="secondary" onClick={handleReload}>
          {t('routeError.reload')}
        </Button>
      </Container>
    </main>
  );
}
