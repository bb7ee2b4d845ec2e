import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const CONSENT_NAMESPACE = 'consent';

// Typed keys: i18next checks every `t('…')` of this namespace against en.json, so a missing key fails the typecheck.
// (`ResourceNamespaceMap`, not `CustomTypeOptions.resources`: each feature adds its own namespace, the app merges them.)
declare module 'i18next' {
  interface ResourceNamespaceMap {
    consent: typeof en;
  }
}

/** This feature's translations, by language, for the app to register under `CONSENT_NAMESPACE`. */
export const consentResources = { en } as const;

export function useConsentTranslation() {
  return useTranslation(CONSENT_NAMESPACE);
}
