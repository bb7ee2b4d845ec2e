import { ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import en from '../i18n/en.json';

/** The i18next namespace of this feature's strings. */
export const STAGE_NAMESPACE = 'stage';

/** This feature's translations, by language, for the app to register under `STAGE_NAMESPACE`. */
export const stageResources = { en } as const;

export function useStageTranslation() {
  return useTranslation(STAGE_NAMESPACE);
}

const KNOWN = new Set(Object.keys(en.errors));

/** A sentence for an error of the api (its code), the network, or anything else. */
export function describeStageError(error: unknown, t: TFunction): string {
  if (error instanceof ApiRequestError) {
    if (
      error.code === 'media/livekit-unavailable' &&
      typeof error.details === 'object' &&
      error.details !== null &&
      (error.details as { state?: unknown }).state === 'ended'
    ) {
      return t('errors.media/livekit-unavailable-ended');
    }
    if (KNOWN.has(error.code)) return t(`errors.${error.code}`);
    return error.message || t('errors.unknown');
  }
  if (error instanceof ApiNetworkError) return t('errors.network');
  return t('errors.unknown');
}
