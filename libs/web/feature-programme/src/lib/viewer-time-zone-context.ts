import { createContext, useContext } from 'react';
import { getSystemTimeZone } from './format-time';

/** The IANA time zone the viewer reads times in. Provide it to override the system zone (tests, a setting). */
export const ViewerTimeZoneContext = createContext<string | undefined>(undefined);

/** The provided viewer time zone; throws outside a `ViewerTimeZoneContext` provider. */
export function useViewerTimeZoneContext(): string {
  const timeZone = useContext(ViewerTimeZoneContext);
  if (!timeZone)
    throw new Error('useViewerTimeZoneContext must be used inside a ViewerTimeZoneContext provider');
  return timeZone;
}

/** The provided viewer time zone, or undefined. */
export function useMaybeViewerTimeZoneContext(): string | undefined {
  return useContext(ViewerTimeZoneContext);
}

/** The given zone, else the provided one, else the system's. */
export function useEnsureViewerTimeZone(timeZone?: string): string {
  const provided = useMaybeViewerTimeZoneContext();
  return timeZone ?? provided ?? getSystemTimeZone();
}
