import { useProgrammeTranslation } from './programme-i18n';

/**
 * Above every page of a draft event. Drafts reach only their team (the api answers 404 to everyone else), so whoever
 * sees this is of the team.
 */
export function DraftBanner() {
  const { t } = useProgrammeTranslation();
  return (
    <div className="pp-draft-banner" role="note">
      <p className="pl-container">
        <strong>{t('draft.title')}</strong> {t('draft.message')}
      </p>
    </div>
  );
}
