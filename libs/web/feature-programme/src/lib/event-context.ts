import type { EventDetail } from '@plenary/contracts';
import { createContext, useContext } from 'react';

/** The event whose pages are shown; provided by `EventLayout` once the event has loaded. */
export const EventContext = createContext<EventDetail | undefined>(undefined);

/** The current event; throws outside `EventLayout`. */
export function useEventContext(): EventDetail {
  const event = useContext(EventContext);
  if (!event) throw new Error('useEventContext must be used inside EventLayout (EventContext provider)');
  return event;
}

/** The current event, or undefined outside `EventLayout`. */
export function useMaybeEventContext(): EventDetail | undefined {
  return useContext(EventContext);
}

/** The given event, else the provided one; throws when there is neither. */
export function useEnsureEvent(event?: EventDetail): EventDetail {
  const provided = useMaybeEventContext();
  const ensured = event ?? provided;
  if (!ensured) throw new Error('No event: pass one or render inside EventLayout');
  return ensured;
}
