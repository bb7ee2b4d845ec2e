import { Container, LinkButton, useDocumentTitle } from '@plenary/web-ui';
import { useProgrammeTranslation } from './programme-i18n';

/** The whole page when an event slug names no event. */
export function EventNotFound({ slug }: { slug: string }) {
  const { t } = useProgrammeTranslation();
  useDocumentTitle(t('notFound.event.documentTitle'));
  return (
    <Container className="pp-page">
      <section className="pp-not-found" aria-labelledby="event-not-found-title">
        <p className="pl-eyebrow">{t('notFound.eyebrow')}</p>
        <h1 id="event-not-found-title" className="pp-not-found__title">
          {t('notFound.event.title')}
        </h1>
        <p className="pp-not-found__message">{t('notFound.event.message', { slug })}</p>
        <LinkButton to="/" variant="secondary">
          {t('notFound.event.action')}
        </LinkButton>
      </section>
    </Container>
  );
}
