import { LiveAckError } from '@plenary/web-data-access';
import type { TFunction } from 'i18next';
import en from '../i18n/en.json';

type KnownCode = keyof typeof en.errors.code;

function isKnownCode(code: string): code is KnownCode {
  return Object.hasOwn(en.errors.code, code);
}

/** A sentence for a refused or failed live request, by its error code; the server's message otherwise. */
export function describeLiveError(error: unknown, t: TFunction<'live'>): string {
  if (error instanceof LiveAckError) {
    if (isKnownCode(error.code)) return t(`errors.code.${error.code}`);
    return error.message || t('errors.unexpected');
  }
  return t('errors.unexpected');
}
