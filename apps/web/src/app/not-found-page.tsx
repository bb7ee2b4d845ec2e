import { Container, LinkButton, useDocumentTitle } from '@plenary/web-ui';
import { useTranslation } from 'react-i18next';
import { APP_NAMESPACE } from '../i18n/i18n';

/** Any address no route knows. */
export function NotFoundPage() {
  const { t } = useTranslation(APP_NAMESPACE);
  useDocumentTitle(t('notFound.documentTitle'));
  return (
    <Container className="app-message">
      <p className="pl-eyebrow">{t('notFound.eyebrow')}</p>
      <h1 className="app-message__title">{t('notFound.title')}</h1>
      <p className="app-message__text">{t('notFound.message')}</p>
      <LinkButton to="/" variant="secondary">
        {t('notFound.action')}
      </LinkButton>
    </Container>
  );
}
