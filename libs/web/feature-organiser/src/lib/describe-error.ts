import { ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import type { TFunction } from 'i18next';

/** A title and message for a failed request: organisers-only, rate limits, lost connection, the API's message. */
export function describeError(error: unknown, t: TFunction<'organiser'>): { title: string; message: string } {
  if (error instanceof ApiRequestError) {
    if (error.code === 'identity/forbidden-role') {
      return { title: t('errors.forbidden.title'), message: t('errors.forbidden.message') };
    }
    if (error.status === 429) {
      return {
        title: t('errors.rateLimited.title'),
        message:
          error.retryAfterSeconds === null
            ? t('errors.rateLimited.later')
            : t('errors.rateLimited.seconds', { count: error.retryAfterSeconds }),
      };
    }
    return { title: t('errors.request.title'), message: error.message };
  }
  if (error instanceof ApiNetworkError) {
    return { title: t('errors.network.title'), message: t('errors.network.message') };
  }
  return { title: t('errors.request.title'), message: t('errors.unexpected') };
}
