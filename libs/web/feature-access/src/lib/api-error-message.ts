import { ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import type { TFunction } from 'i18next';

/** "Please wait 2 minutes", from a 429's `Retry-After` seconds. */
export function formatRetryAfter(seconds: number | null, t: TFunction<'access'>): string {
  if (seconds === null) return t('errors.rateLimited.waitUnknown');
  if (seconds < 60) return t('errors.rateLimited.waitSeconds', { count: Math.max(1, seconds) });
  return t('errors.rateLimited.waitMinutes', { count: Math.ceil(seconds / 60) });
}

export interface ErrorText {
  title: string;
  message: string;
}

/** A title and a message for a failed request, in words: rate limits, lost connections, the API's message. */
export function describeApiError(error: unknown, t: TFunction<'access'>): ErrorText {
  if (error instanceof ApiRequestError) {
    if (error.status === 429) {
      return {
        title: t('errors.rateLimited.title'),
        message: t('errors.rateLimited.message', { wait: formatRetryAfter(error.retryAfterSeconds, t) }),
      };
    }
    if (error.code === 'core/unavailable' || error.status >= 500) {
      return { title: t('errors.unavailable.title'), message: t('errors.unavailable.message') };
    }
    return { title: t('errors.request.title'), message: error.message };
  }
  if (error instanceof ApiNetworkError) {
    return { title: t('errors.network.title'), message: t('errors.network.message') };
  }
  return { title: t('errors.request.title'), message: t('errors.unexpected') };
}

/** Whether the API refused because of too many attempts. */
export function isRateLimited(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError && error.status === 429;
}
