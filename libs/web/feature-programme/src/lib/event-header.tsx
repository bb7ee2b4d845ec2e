import { useEvent } from '@plenary/web-data-access';
import { Skeleton } from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import type { UIMatch } from 'react-router';
import { EventBand } from './event-band';

/** Route `handle` through which a route puts content into the site header (below the brand bar). */
export interface HeaderRouteHandle {
  header: ReactNode;
}

function isHeaderRouteHandle(handle: unknown): handle is HeaderRouteHandle {
  return typeof handle === 'object' && handle !== null && 'header' in handle;
}

/** The header content of the deepest matched route that declares one. */
export function findRouteHeader(matches: readonly UIMatch[]): ReactNode {
  for (let index = matches.length - 1; index >= 0; index -= 1) {
    const handle = matches[index]?.handle;
    if (isHeaderRouteHandle(handle)) return handle.header;
  }
  return null;
}

/**
 * The event's band in the site header, so that "skip to main content" skips it. Shares the event query with
 * `EventLayout`; shows nothing when the event cannot be loaded (the page explains why).
 */
export function EventHeader() {
  const { slug = '' } = useParams();
  const query = useEvent(slug);
  if (query.data) return <EventBand event={query.data} />;
  if (query.isError) return null;
  return (
    <div className="pp-band pp-band--loading" aria-hidden="true">
      <div className="pl-container pp-band__inner">
        <Skeleton width="16rem" />
      </div>
    </div>
  );
}
