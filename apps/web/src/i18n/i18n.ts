import { ACCESS_NAMESPACE, accessResources } from '@plenary/web-feature-access';
import { CHECKIN_NAMESPACE, checkinResources } from '@plenary/web-feature-checkin';
import { CONSENT_NAMESPACE, consentResources } from '@plenary/web-feature-consent';
import { LIVE_NAMESPACE, liveResources } from '@plenary/web-feature-live';
import { ORGANISER_NAMESPACE, organiserResources } from '@plenary/web-feature-organiser';
import { PROGRAMME_NAMESPACE, programmeResources } from '@plenary/web-feature-programme';
import { STAGE_NAMESPACE, stageResources } from '@plenary/web-feature-stage';
import { createInstance } from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

/** Namespace of the app shell's own strings (layout, not-found page). */
export const APP_NAMESPACE = 'app';

// Typed keys for the shell's namespace (each feature declares its own next to its en.json); `t` without a namespace
// is the shell's.
declare module 'i18next' {
  interface ResourceNamespaceMap {
    app: typeof en;
  }
  interface CustomTypeOptions {
    defaultNS: 'app';
  }
}

export const SUPPORTED_LANGUAGES = ['en'] as const;

/**
 * The app's i18next instance: English resources bundled (no network), the shell's and each feature's
 * namespace, and `<html lang>` kept in step with the language.
 */
export function createI18n(language: string = SUPPORTED_LANGUAGES[0]): I18n {
  const i18n = createInstance({
    lng: language,
    fallbackLng: SUPPORTED_LANGUAGES[0],
    supportedLngs: [...SUPPORTED_LANGUAGES],
    ns: [
      APP_NAMESPACE,
      PROGRAMME_NAMESPACE,
      CONSENT_NAMESPACE,
      ACCESS_NAMESPACE,
      ORGANISER_NAMESPACE,
      LIVE_NAMESPACE,
      STAGE_NAMESPACE,
      CHECKIN_NAMESPACE,
    ],
    defaultNS: APP_NAMESPACE,
    resources: {
      en: {
        [APP_NAMESPACE]: en,
        [PROGRAMME_NAMESPACE]: programmeResources.en,
        [CONSENT_NAMESPACE]: consentResources.en,
        [ACCESS_NAMESPACE]: accessResources.en,
        [ORGANISER_NAMESPACE]: organiserResources.en,
        [LIVE_NAMESPACE]: liveResources.en,
        [STAGE_NAMESPACE]: stageResources.en,
        [CHECKIN_NAMESPACE]: checkinResources.en,
      },
    },
    interpolation: { escapeValue: false }, // React escapes text.
    returnNull: false,
    initAsync: false,
  });
  i18n.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18n.dir(lng);
  });
  void i18n.use(initReactI18next).init();
  document.documentElement.lang = i18n.language;
  return i18n;
}
