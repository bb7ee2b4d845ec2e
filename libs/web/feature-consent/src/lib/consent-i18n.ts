import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const CONSENT_NAMESPACE = 'consent';

/** This feature's translations, by language, for the app to register under `CONSENT_NAMESPACE`. */
export const consentResources = { en } as const;

export function useConsentTranslation() {
  return useTranslation(CONSENT_NAMESPACE);
}
