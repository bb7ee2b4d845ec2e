import { useId } from 'react';
import { useLiveTranslation } from './live-i18n';

const SHORTCUTS = [
  { keys: ['J', 'K'], what: 'move' },
  { keys: ['A'], what: 'approve' },
  { keys: ['R'], what: 'reject' },
  { keys: ['H'], what: 'highlight' },
  { keys: ['D'], what: 'answer' },
  { keys: ['X'], what: 'archive' },
  { keys: ['E'], what: 'edit' },
] as const;

/** The moderation keyboard shortcuts, written out on the console. */
export function ShortcutHelp() {
  const { t } = useLiveTranslation();
  const id = useId();
  return (
    <section className="lv-console__card lv-shortcuts" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lv-console__title">
        {t('moderate.shortcuts.title')}
      </h2>
      <p className="lv-question__meta">{t('moderate.shortcuts.intro')}</p>
      <dl className="lv-shortcuts__list">
        {SHORTCUTS.map(({ keys, what }) => (
          <div key={what} className="lv-shortcuts__row">
            <dt>
              {keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && ' / '}
                  <kbd className="lv-kbd">{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`moderate.shortcuts.${what}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
