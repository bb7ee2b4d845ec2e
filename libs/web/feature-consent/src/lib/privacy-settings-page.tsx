import { Container, PageHeader, useDocumentTitle } from '@plenary/web-ui';
import { ConsentSettings } from './consent-settings';
import { useConsentTranslation } from './consent-i18n';

/** `/settings/privacy`: what Plenary may load from other services, for anyone, signed in or not. */
export function PrivacySettingsPage() {
  const { t } = useConsentTranslation();
  useDocumentTitle(t('privacyPage.documentTitle'));
  return (
    <Container className="pc-page">
      <PageHeader
        eyebrow={t('privacyPage.eyebrow')}
        title={t('privacyPage.title')}
        lead={t('privacyPage.lead')}
      />
      <ConsentSettings />
    </Container>
  );
}
