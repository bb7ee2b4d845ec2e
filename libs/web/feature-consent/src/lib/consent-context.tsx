import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  ACCEPT_ALL_CHOICE,
  CONSENT_STORAGE_KEY,
  REJECT_ALL_CHOICE,
  getBrowserStorage,
  isCategoryAllowed,
  readConsentDecision,
  writeConsentDecision,
} from './consent-storage';
import type { ConsentCategory, ConsentChoice, ConsentDecision } from './consent-storage';

/** The person's consent and the ways to change it. */
export interface ConsentState {
  /** The decision on record, or null before the person has chosen (the banner shows). */
  decision: ConsentDecision | null;
  /** What is allowed now: nothing optional until a decision allows it. */
  choice: ConsentChoice;
  isAllowed: (category: ConsentCategory) => boolean;
  acceptAll: () => void;
  rejectAll: () => void;
  save: (choice: ConsentChoice) => void;
}

export const ConsentContext = createContext<ConsentState | undefined>(undefined);

export interface ConsentProviderProps {
  children: ReactNode;
  /** Where the decision is kept; the browser's localStorage by default. */
  storage?: Storage;
  /** The clock that stamps decisions (tests pass a fixed one). */
  now?: () => Date;
}

const systemNow = () => new Date();

/** Holds the consent decision for everything below it, kept in storage and in step with other tabs. */
export function ConsentProvider({ children, storage, now = systemNow }: ConsentProviderProps) {
  const [store] = useState(() => storage ?? getBrowserStorage());
  const [decision, setDecision] = useState(() => readConsentDecision(store));

  useEffect(() => {
    const handleStorage = (event: StorageEvent) => {
      if (event.key === CONSENT_STORAGE_KEY || event.key === null) setDecision(readConsentDecision(store));
    };
    window.addEventListener('storage', handleStorage);
    return () => window.removeEventListener('storage', handleStorage);
  }, [store]);

  const save = useCallback(
    (choice: ConsentChoice) => {
      const next: ConsentDecision = { choice: { embeds: choice.embeds }, decidedAt: now().toISOString() };
      writeConsentDecision(store, next);
      setDecision(next);
    },
    [store, now],
  );

  const value = useMemo<ConsentState>(() => {
    const choice = decision?.choice ?? REJECT_ALL_CHOICE;
    return {
      decision,
      choice,
      isAllowed: (category) => isCategoryAllowed(choice, category),
      acceptAll: () => save(ACCEPT_ALL_CHOICE),
      rejectAll: () => save(REJECT_ALL_CHOICE),
      save,
    };
  }, [decision, save]);

  return <ConsentContext.Provider value={value}>{children}</ConsentContext.Provider>;
}

/** The consent state; throws outside `ConsentProvider`. */
export function useConsentContext(): ConsentState {
  const consent = useContext(ConsentContext);
  if (!consent) throw new Error('useConsentContext must be used inside ConsentProvider');
  return consent;
}

/** The consent state, or undefined outside `ConsentProvider`. */
export function useMaybeConsentContext(): ConsentState | undefined {
  return useContext(ConsentContext);
}

/** The given consent state, else the provided one; throws when there is neither. */
export function useEnsureConsent(consent?: ConsentState): ConsentState {
  const provided = useMaybeConsentContext();
  const ensured = consent ?? provided;
  if (!ensured) throw new Error('No consent state: pass one or render inside ConsentProvider');
  return ensured;
}
