import type { SessionState } from '@plenary/contracts';
import { createContext, useContext } from 'react';
import type { ComponentType } from 'react';

/** What the session page hands the panel beside its live stage. */
export interface SessionPanelProps {
  eventSlug: string;
  sessionId: string;
  sessionState: SessionState;
  /** The id the panel gives its h2: the page's complementary region is labelled by it. */
  headingId: string;
}

/**
 * The component shown beside the live stage once the session gate grants access (the live feature's Q&A and
 * polls; features do not import each other, so the app provides it). Without a provider, the page shows a
 * placeholder there.
 */
export const SessionPanelContext = createContext<ComponentType<SessionPanelProps> | undefined>(undefined);

/** The provided panel; throws outside a `SessionPanelContext` provider. */
export function useSessionPanelContext(): ComponentType<SessionPanelProps> {
  const component = useContext(SessionPanelContext);
  if (!component)
    throw new Error('useSessionPanelContext must be used inside a SessionPanelContext provider');
  return component;
}

/** The provided panel, or undefined. */
export function useMaybeSessionPanelContext(): ComponentType<SessionPanelProps> | undefined {
  return useContext(SessionPanelContext);
}

/** The given panel, else the provided one; throws when there is neither. */
export function useEnsureSessionPanel(
  component?: ComponentType<SessionPanelProps>,
): ComponentType<SessionPanelProps> {
  const provided = useMaybeSessionPanelContext();
  const ensured = component ?? provided;
  if (!ensured) throw new Error('No session panel: pass one or render inside a SessionPanelContext provider');
  return ensured;
}
