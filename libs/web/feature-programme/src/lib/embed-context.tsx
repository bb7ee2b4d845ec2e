import { createContext, useContext } from 'react';
import type { ComponentType, ReactNode } from 'react';

/** A frame from another service (a map, a player), as the programme pages ask for one. */
export interface EmbedProps {
  /** The service's display name, e.g. "OpenStreetMap". */
  provider: string;
  src: string;
  /** Names the frame, e.g. "Map of Vienna". */
  title: string;
  /** CSS aspect ratio, e.g. "16 / 9". */
  aspectRatio?: string;
  icon?: ReactNode;
}

/**
 * The component that renders third-party frames on programme pages. The app provides a consent-aware one (the
 * consent feature's `ThirdPartyEmbed`; features do not import each other). Without a provider, programme pages
 * show no third-party frame at all, so nothing is ever loaded from another service without consent.
 */
export const EmbedContext = createContext<ComponentType<EmbedProps> | undefined>(undefined);

/** The provided embed component; throws outside an `EmbedContext` provider. */
export function useEmbedContext(): ComponentType<EmbedProps> {
  const component = useContext(EmbedContext);
  if (!component) throw new Error('useEmbedContext must be used inside an EmbedContext provider');
  return component;
}

/** The provided embed component, or undefined. */
export function useMaybeEmbedContext(): ComponentType<EmbedProps> | undefined {
  return useContext(EmbedContext);
}

/** The given embed component, else the provided one; throws when there is neither. */
export function useEnsureEmbed(component?: ComponentType<EmbedProps>): ComponentType<EmbedProps> {
  const provided = useMaybeEmbedContext();
  const ensured = component ?? provided;
  if (!ensured) throw new Error('No embed component: pass one or render inside an EmbedContext provider');
  return ensured;
}
