import { useEvent, useProgrammeUpdates } from '@plenary/web-data-access';
import { Container, LoadingState, Skeleton } from '@plenary/web-ui';
import { DraftBanner } from './draft-banner';
import { Outlet, useParams } from 'react-router';
import { EventContext } from './event-context';
import { EventNotFound } from './event-not-found';
import { useProgrammeTranslation } from './programme-i18n';
import { QueryErrorState, isNotFoundError } from './query-error-state';

/**
 * Route element of `/e/:slug/*`: loads the event once, answers loading, error and not-found for every page
 * below it, provides the loaded event through `EventContext`, and keeps its queries current over the live service
 * (`programme:changed`). (`EventHeader` shows the event's band.)
 */
export function EventLayout() {
  const { slug = '' } = useParams();
  const { t } = useProgrammeTranslation();
  const query = useEvent(slug);
  // Every page of the event (home, programme, sessions, speakers, agenda…) follows committed changes live.
  useProgrammeUpdates(slug, query.data?.id);

  if (query.data) {
    return (
      <EventContext.Provider value={query.data}>
        {query.data.status === 'draft' && <DraftBanner />}
        <Outlet />
      </EventContext.Provider>
    );
  }
  if (query.isError) {
    if (isNotFoundError(query.error)) return <EventNotFound slug={slug} />;
    return (
      <Container className="pp-page">
        <QueryErrorState error={query.error} headingLevel={1} onRetry={() => void query.refetch()} />
      </Container>
    );
  }
  return (
    <LoadingState label={t('loading.event')}>
      <Container className="pp-page">
        <div className="pp-skeleton-stack">
          <Skeleton width="8rem" />
          <Skeleton width="min(40rem, 90%)" height="2.25rem" />
          <Skeleton width="min(28rem, 70%)" />
          <Skeleton shape="block" width="100%" height="12rem" />
          <Skeleton shape="block" width="100%" height="12rem" />
        </div>
      </Container>
    </LoadingState>
  );
}
