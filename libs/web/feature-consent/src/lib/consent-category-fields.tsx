import { useId } from 'react';
import type { ConsentChoice } from './consent-storage';
import { useConsentTranslation } from './consent-i18n';

export interface ConsentCategoryFieldsProps {
  value: ConsentChoice;
  onChange: (choice: ConsentChoice) => void;
}

/** One switch per category with a line on what it covers; "necessary" is shown on and cannot be turned off. */
export function ConsentCategoryFields({ value, onChange }: ConsentCategoryFieldsProps) {
  const { t } = useConsentTranslation();
  const id = useId();
  return (
    <ul className="pc-categories">
      <li className="pc-category">
        <div className="pc-category__text">
          <label htmlFor={`${id}-necessary`} className="pc-category__name">
            {t('categories.necessary.name')}
            <span className="pc-category__always">{t('categories.alwaysOn')}</span>
          </label>
          <p id={`${id}-necessary-description`} className="pc-category__description">
            {t('categories.necessary.description')}
          </p>
        </div>
        <input
          id={`${id}-necessary`}
          type="checkbox"
          role="switch"
          className="pc-switch"
          checked
          disabled
          readOnly
          aria-describedby={`${id}-necessary-description`}
        />
      </li>
      <li className="pc-category">
        <div className="pc-category__text">
          <label htmlFor={`${id}-embeds`} className="pc-category__name">
            {t('categories.embeds.name')}
          </label>
          <p id={`${id}-embeds-description`} className="pc-category__description">
            {t('categories.embeds.description')}
          </p>
        </div>
        <input
          id={`${id}-embeds`}
          type="checkbox"
          role="switch"
          className="pc-switch"
          checked={value.embeds}
          onChange={(event) => onChange({ ...value, embeds: event.target.checked })}
          aria-describedby={`${id}-embeds-description`}
        />
      </li>
    </ul>
  );
}
