import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const CHECKIN_NAMESPACE = 'checkin';

// Typed keys: i18next checks every `t('…')` of this namespace against en.json, so a missing key fails the typecheck.
// (`ResourceNamespaceMap`, not `CustomTypeOptions.resources`: each feature adds its own namespace, the app merges them.)
declare module 'i18next' {
  interface ResourceNamespaceMap {
    checkin: typeof en;
  }
}

/** This feature's translations, by language, for the app to register under `CHECKIN_NAMESPACE`. */
export const checkinResources = { en } as const;

export function useCheckinTranslation() {
  return useTranslation(CHECKIN_NAMESPACE);
}

/** The BCP 47 locale for `Intl` formatting in the current language. */
export function useFormatLocale(): string {
  const { t } = useCheckinTranslation();
  return t('intlLocale');
}

/** "09:12": a time of day on this phone's clock. */
export function formatTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** "26 Nov, 09:12". */
export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
