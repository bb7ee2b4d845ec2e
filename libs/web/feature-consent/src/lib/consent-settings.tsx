import { Button, Card } from '@plenary/web-ui';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ConsentCategoryFields } from './consent-category-fields';
import { useConsentContext } from './consent-context';
import { useConsentTranslation } from './consent-i18n';
import { REJECT_ALL_CHOICE } from './consent-storage';
import type { ConsentChoice, ConsentDecision } from './consent-storage';

export interface ConsentSettingsProps {
  /** Level of the section's heading: 2 on its own page, 3 inside a section of the account page. */
  headingLevel?: 2 | 3;
}

/** The current consent choices, with a switch per category to change them and "Save choices". */
export function ConsentSettings({ headingLevel = 2 }: ConsentSettingsProps) {
  const { decision } = useConsentContext();
  const { t } = useConsentTranslation();
  const [saved, setSaved] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <Card as="section" className="pc-settings">
      <Heading className="pc-settings__title">{t('settings.title')}</Heading>
      <DecisionSummary decision={decision} />
      <ConsentSettingsForm decision={decision} onSavedChange={setSaved} />
      <p className="pc-settings__status" role="status">
        {saved ? t('settings.saved') : ''}
      </p>
    </Card>
  );
}

function DecisionSummary({ decision }: { decision: ConsentDecision | null }) {
  const { t } = useConsentTranslation();
  if (!decision) return <p className="pc-settings__summary">{t('settings.undecided')}</p>;
  const date = new Intl.DateTimeFormat(t('intlLocale'), { dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(decision.decidedAt),
  );
  return <p className="pc-settings__summary">{t('settings.decided', { date })}</p>;
}

function ConsentSettingsForm({
  decision,
  onSavedChange,
}: {
  decision: ConsentDecision | null;
  /** True once the switches are saved, false again when one changes. */
  onSavedChange: (saved: boolean) => void;
}) {
  const { save } = useConsentContext();
  const { t } = useConsentTranslation();
  const [draft, setDraft] = useState<ConsentChoice>(decision?.choice ?? REJECT_ALL_CHOICE);
  // A decision made elsewhere (the banner, an embed, another tab) resets the switches to what is stored.
  const [basis, setBasis] = useState(decision?.decidedAt);
  if (basis !== decision?.decidedAt) {
    setBasis(decision?.decidedAt);
    setDraft(decision?.choice ?? REJECT_ALL_CHOICE);
  }

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save(draft);
    onSavedChange(true);
  };

  const handleChange = (choice: ConsentChoice) => {
    setDraft(choice);
    onSavedChange(false);
  };

  return (
    <form className="pc-settings__form" onSubmit={handleSubmit}>
      <fieldset className="pc-fieldset">
        <legend className="pl-visually-hidden">{t('banner.choicesLegend')}</legend>
        <ConsentCategoryFields value={draft} onChange={handleChange} />
      </fieldset>
      <div>
        <Button type="submit">{t('settings.save')}</Button>
      </div>
    </form>
  );
}
