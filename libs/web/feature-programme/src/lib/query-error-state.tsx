import { ApiContractError, ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import { ErrorState } from '@plenary/web-ui';
import type { ReactNode } from 'react';
import { useProgrammeTranslation } from './programme-i18n';

export interface QueryErrorStateProps {
  error: Error;
  onRetry?: () => void;
  headingLevel?: 1 | 2;
  actions?: ReactNode;
}

/** Whether the API said the thing asked for does not exist (or its address cannot name anything). */
export function isNotFoundError(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    (error.status === 404 || error.code === 'core/validation-failed' || error.code === 'core/not-found')
  );
}

/** An ErrorState for a failed query: a translated title, the API's message, its code and request id. */
export function QueryErrorState({ error, onRetry, headingLevel = 2, actions }: QueryErrorStateProps) {
  const { t } = useProgrammeTranslation();
  const common = {
    labels: { code: t('errors.codeLabel'), requestId: t('errors.requestIdLabel'), retry: t('errors.retry') },
    onRetry,
    headingLevel,
    actions,
  };

  if (error instanceof ApiRequestError) {
    const title =
      error.code === 'core/unavailable' ? t('errors.unavailable.title') : t('errors.request.title');
    return (
      <ErrorState
        {...common}
        title={title}
        message={error.message}
        code={error.code}
        requestId={error.requestId}
      />
    );
  }
  if (error instanceof ApiNetworkError) {
    return <ErrorState {...common} title={t('errors.network.title')} message={t('errors.network.message')} />;
  }
  if (error instanceof ApiContractError) {
    return (
      <ErrorState {...common} title={t('errors.contract.title')} message={t('errors.contract.message')} />
    );
  }
  return <ErrorState {...common} title={t('errors.request.title')} message={error.message} />;
}
