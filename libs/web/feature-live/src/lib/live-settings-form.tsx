import type { EngagementSettings, QaMode } from '@plenary/contracts';
import { useUpdateLiveSettings } from '@plenary/web-data-access';
import { CheckboxField, RadioGroup } from '@plenary/web-ui';
import { useId, useState } from 'react';
import { describeLiveError } from './describe-live-error';
import { useLiveTranslation } from './live-i18n';

/** The session's Q&A settings; each change is saved at once and confirmed. */
export function LiveSettingsForm({
  sessionId,
  settings,
}: {
  sessionId: string;
  settings: EngagementSettings;
}) {
  const { t } = useLiveTranslation();
  const id = useId();
  const update = useUpdateLiveSettings(sessionId);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const save = (change: Partial<EngagementSettings>) => {
    setStatus(null);
    update.mutate(change, {
      onSuccess: () => setStatus({ tone: 'ok', text: t('moderate.settings.saved') }),
      onError: (failure) => setStatus({ tone: 'error', text: describeLiveError(failure, t) }),
    });
  };

  return (
    <section className="lv-console__card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lv-console__title">
        {t('moderate.settings.title')}
      </h2>
      <div className="lv-form">
        <RadioGroup<QaMode>
          id={`${id}-mode`}
          name={`${id}-mode`}
          legend={t('moderate.settings.mode')}
          value={settings.qaMode}
          disabled={update.isPending}
          onChange={(qaMode) => save({ qaMode })}
          options={[
            {
              value: 'pre_moderated',
              label: t('moderate.settings.modePreModerated'),
              description: t('moderate.settings.modePreModeratedHint'),
            },
            {
              value: 'open',
              label: t('moderate.settings.modeOpen'),
              description: t('moderate.settings.modeOpenHint'),
            },
          ]}
        />
        <CheckboxField
          id={`${id}-anonymous`}
          label={t('moderate.settings.anonymous')}
          hint={t('moderate.settings.anonymousHint')}
          checked={settings.anonymousAllowed}
          disabled={update.isPending}
          onChange={(event) => save({ anonymousAllowed: event.target.checked })}
        />
        <CheckboxField
          id={`${id}-confidential`}
          label={t('moderate.settings.confidential')}
          hint={t('moderate.settings.confidentialHint')}
          checked={settings.confidential}
          disabled={update.isPending}
          onChange={(event) => save({ confidential: event.target.checked })}
        />
        <p className="lv-form__status" role="status">
          {status?.tone === 'ok' && status.text}
        </p>
        {status?.tone === 'error' && (
          <p className="pl-field__error" role="alert">
            {status.text}
          </p>
        )}
      </div>
    </section>
  );
}
