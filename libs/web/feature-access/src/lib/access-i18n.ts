import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const ACCESS_NAMESPACE = 'access';

// Typed keys: i18next checks every `t('…')` of this namespace against en.json, so a missing key fails the typecheck.
// (`ResourceNamespaceMap`, not `CustomTypeOptions.resources`: each feature adds its own namespace, the app merges them.)
declare module 'i18next' {
  interface ResourceNamespaceMap {
    access: typeof en;
  }
}

/** This feature's translations, by language, for the app to register under `ACCESS_NAMESPACE`. */
export const accessResources = { en } as const;

export function useAccessTranslation() {
  return useTranslation(ACCESS_NAMESPACE);
}

/** The BCP 47 locale for `Intl` formatting in the current language (e.g. en-GB for English). */
export function useFormatLocale(): string {
  const { t } = useAccessTranslation();
  return t('intlLocale');
}
