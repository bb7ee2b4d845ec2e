import { useCatchingUp } from '@plenary/web-data-access';
import { CatchingUpNotice } from '@plenary/web-ui';
import { useTranslation } from 'react-i18next';
import { APP_NAMESPACE } from '../i18n/i18n';

/** Floats over every page while the API is away and queries retry: "Plenary is catching up — retrying". */
export function CatchingUp() {
  const { t } = useTranslation(APP_NAMESPACE);
  const active = useCatchingUp();
  return <CatchingUpNotice active={active} title={t('catchingUp.title')} message={t('catchingUp.message')} />;
}
