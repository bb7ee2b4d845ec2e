import { safeNextPath } from '@plenary/contracts';
import { PageHeader } from '@plenary/web-ui';
import { useSearchParams } from 'react-router';
import { useAccessTranslation } from './access-i18n';
import { SignInFlow } from './sign-in-flow';
import { useAccessDocumentTitle } from './use-route-event';

/** `/sign-in`: sign in to the site, for any event (the link or code arrives by e-mail). */
export function SignInPage() {
  const { t } = useAccessTranslation();
  const [searchParams] = useSearchParams();
  useAccessDocumentTitle(t('signIn.documentTitle'));
  const next = safeNextPath(searchParams.get('next'), window.location.origin);
  return (
    <div className="pl-container pa-page">
      <PageHeader title={t('signIn.title')} lead={t('signIn.lead')} />
      <div className="pa-narrow">
        <SignInFlow
          next={next}
          signedInAction={{
            to: next ?? '/account',
            label: next ? t('actions.continue') : t('actions.account'),
          }}
        />
      </div>
    </div>
  );
}
