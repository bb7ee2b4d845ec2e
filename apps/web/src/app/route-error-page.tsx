import { isOutageError, retryDelay } from '@plenary/web-data-access';
import { Button, CatchingUpNotice, Container, useDocumentTitle } from '@plenary/web-ui';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { APP_NAMESPACE } from '../i18n/i18n';

/** Reload attempts in a row (kept across reloads; forgotten after two quiet minutes). */
const RELOADS_KEY = 'plenary:unreachable-reloads';
const RELOADS_FORGOTTEN_AFTER_MS = 2 * 60_000;

/**
 * Whether a page failed because the server could not be reached rather than because of a bug: an API outage, or a
 * code chunk that did not load (the network dropped, or a deploy replaced the files).
 */
export function isUnreachableError(error: unknown): boolean {
  if (isOutageError(error)) return true;
  return (
    error instanceof TypeError &&
    /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message)
  );
}

/** The number of this reload attempt, counting the ones just before it. */
function nextReloadAttempt(now = Date.now()): number {
  try {
    const saved = JSON.parse(sessionStorage.getItem(RELOADS_KEY) ?? 'null') as {
      count: number;
      at: number;
    } | null;
    const count = saved && now - saved.at < RELOADS_FORGOTTEN_AFTER_MS ? saved.count : 0;
    sessionStorage.setItem(RELOADS_KEY, JSON.stringify({ count: count + 1, at: now }));
    return count;
  } catch {
    return 0;
  }
}

/** Shown when a page throws while rendering: says so, and offers a reload. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isUnreachableError(error)) return <UnreachablePage error={error} />;
  return <BrokenPage error={error} />;
}

function BrokenPage({ error }: { error: unknown }) {
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

/** Not an error page: the server is away for a moment, and the page reloads by itself with backoff. */
function UnreachablePage({ error }: { error: unknown }) {
  const { t } = useTranslation(APP_NAMESPACE);
  useDocumentTitle(t('routeUnreachable.documentTitle'));
  useEffect(() => {
    const timer = setTimeout(() => window.location.reload(), retryDelay(nextReloadAttempt(), error));
    return () => clearTimeout(timer);
  }, [error]);

  const handleReload = () => window.location.reload();

  return (
    <main id="main-content" tabIndex={-1}>
      <Container className="app-message">
        <h1 className="app-message__title">{t('routeUnreachable.title')}</h1>
        <p className="app-message__text">{t('routeUnreachable.message')}</p>
        <Button variant="secondary" onClick={handleReload}>
          {t('routeUnreachable.retry')}
        </Button>
      </Container>
      <CatchingUpNotice active title={t('catchingUp.title')} />
    </main>
  );
}
