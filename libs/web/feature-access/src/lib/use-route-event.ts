import type { EventDetail } from '@plenary/contracts';
import { useEvent } from '@plenary/web-data-access';
import { useDocumentTitle } from '@plenary/web-ui';
import { useParams } from 'react-router';
import { useAccessTranslation } from './access-i18n';

/**
 * The event of the current `/e/:slug/*` route, from the query cache the programme's event layout fills (it
 * answers loading, not-found and errors for the whole event); undefined until it has loaded.
 */
export function useRouteEvent(): EventDetail | undefined {
  const { slug = '' } = useParams();
  return useEvent(slug).data;
}

/** Sets the document title of a page within an event ("Register · VMC 2021"), or of the site ("Sign in · Plenary"). */
export function useAccessDocumentTitle(page: string, event?: Pick<EventDetail, 'name' | 'tagline'>): void {
  const { t } = useAccessTranslation();
  useDocumentTitle(
    event
      ? t('documentTitle.event', { page, event: event.tagline ?? event.name })
      : t('documentTitle.site', { page }),
  );
}
