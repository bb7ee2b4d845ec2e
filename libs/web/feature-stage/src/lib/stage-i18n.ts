import { ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const STAGE_NAMESPACE = 'stage';

// Typed keys: i18next checks every `t('…')` of this namespace against en.json, so a missing key fails the typecheck.
// (`ResourceNamespaceMap`, not `CustomTypeOptions.resources`: each feature adds its own namespace, the app merges them.)
declare module 'i18next' {
  interface ResourceNamespaceMap {
    stage: typeof en;
  }
}

/** This feature's translations, by language, for the app to register under `STAGE_NAMESPACE`. */
export const stageResources = { en } as const;

export function useStageTranslation() {
  return useTranslation(STAGE_NAMESPACE);
}

/** An error code this feature has its own sentence for (a key under `errors` in en.json). */
export type KnownStageError = keyof typeof en.errors;

export function isKnownStageError(code: string): code is KnownStageError {
  return Object.hasOwn(en.errors, code);
}

/** A sentence for an error of the api (its code), the network, or anything else. */
export function describeStageError(error: unknown, t: TFunction<typeof STAGE_NAMESPACE>): string {
  if (error instanceof ApiRequestError) {
    if (
      error.code === 'media/livekit-unavailable' &&
      typeof error.details === 'object' &&
      error.details !== null &&
      (error.details as { state?: unknown }).state === 'ended'
    ) {
      return t('errors.media/livekit-unavailable-ended');
    }
    if (isKnownStageError(error.code)) return t(`errors.${error.code}`);
    return error.message || t('errors.unknown');
  }
  if (error instanceof ApiNetworkError) return t('errors.network');
  return t('errors.unknown');
}
