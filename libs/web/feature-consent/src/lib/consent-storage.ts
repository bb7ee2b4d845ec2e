/**
 * What Plenary asks consent for. `necessary` (the session cookie, and this decision itself) is always on and
 * never asked; `embeds` covers third-party players and maps, which may set cookies and see the IP address.
 */
export const CONSENT_CATEGORIES = ['necessary', 'embeds'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

/** The optional categories a person decides on: one flag each. */
export interface ConsentChoice {
  embeds: boolean;
}

/** A decision: the choice and when it was made (ISO 8601). */
export interface ConsentDecision {
  choice: ConsentChoice;
  decidedAt: string;
}

/**
 * Where the decision is kept in `localStorage`. The version is part of the key: adding a category means a new
 * key, so everyone is asked again instead of a new category being silently on or off.
 */
export const CONSENT_STORAGE_KEY = 'plenary.consent.v1';

export const REJECT_ALL_CHOICE: ConsentChoice = { embeds: false };
export const ACCEPT_ALL_CHOICE: ConsentChoice = { embeds: true };

/** Whether the choice allows a category; `necessary` always is. */
export function isCategoryAllowed(choice: ConsentChoice, category: ConsentCategory): boolean {
  switch (category) {
    case 'necessary':
      return true;
    case 'embeds':
      return choice.embeds;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Parses a stored decision; anything malformed counts as no decision (the person is asked again). */
export function parseConsentDecision(raw: string | null): ConsentDecision | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || !isRecord(value['choice'])) return null;
  const embeds = value['choice']['embeds'];
  const decidedAt = value['decidedAt'];
  if (typeof embeds !== 'boolean' || typeof decidedAt !== 'string' || Number.isNaN(Date.parse(decidedAt))) {
    return null;
  }
  return { choice: { embeds }, decidedAt };
}

/** The browser's `localStorage`, or undefined where it is unavailable (blocked storage, private modes). */
export function getBrowserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** The stored decision, or null when there is none (or storage cannot be read). */
export function readConsentDecision(storage: Storage | undefined): ConsentDecision | null {
  try {
    return parseConsentDecision(storage?.getItem(CONSENT_STORAGE_KEY) ?? null);
  } catch {
    return null;
  }
}

/** Stores the decision; returns false when storage refuses (the decision then lasts for this page only). */
export function writeConsentDecision(storage: Storage | undefined, decision: ConsentDecision): boolean {
  if (!storage) return false;
  try {
    storage.setItem(CONSENT_STORAGE_KEY, JSON.stringify(decision));
    return true;
  } catch {
    return false;
  }
}
