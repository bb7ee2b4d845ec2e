import { Button } from '@plenary/web-ui';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent, RefObject } from 'react';
import { Trans } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ConsentCategoryFields } from './consent-category-fields';
import { useConsentContext } from './consent-context';
import { useConsentTranslation } from './consent-i18n';
import { REJECT_ALL_CHOICE } from './consent-storage';
import type { ConsentChoice } from './consent-storage';
import { PRIVACY_SETTINGS_PATH } from './privacy-settings-path';

/** Where focus goes when it leaves the banner: back where it was, else to the page's main content. */
function focusOutside(previous: Element | null): void {
  if (previous instanceof HTMLElement && previous !== document.body && previous.isConnected) {
    previous.focus({ preventScroll: true });
    return;
  }
  document.querySelector<HTMLElement>('main')?.focus({ preventScroll: true });
}

/**
 * Asks for consent until the person decides: a labelled region at the bottom of the page, not a wall. Focus moves
 * to it when it first shows; Escape leaves it without deciding. "Accept all", "Reject all" and "Choose" look
 * alike; "Choose" opens a switch per category, all off until turned on. Not shown on the privacy settings page,
 * which asks the same.
 */
export function ConsentBanner() {
  const consent = useConsentContext();
  const { pathname } = useLocation();
  const visible = consent.decision === null && pathname !== PRIVACY_SETTINGS_PATH;
  return visible ? <ConsentBannerPanel /> : null;
}

/**
 * While the banner shows, the page's scroll padding at the bottom matches its height, so an element that scrolls
 * into view (by keyboard focus, say) stops above the banner instead of under it.
 */
function useScrollPaddingFor(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      root.style.scrollPaddingBottom = `${element.offsetHeight}px`;
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-bottom');
    };
  }, [ref]);
}

function ConsentBannerPanel() {
  const { acceptAll, rejectAll, save } = useConsentContext();
  const { t } = useConsentTranslation();
  const id = useId();
  const [choosing, setChoosing] = useState(false);
  const [draft, setDraft] = useState<ConsentChoice>(REJECT_ALL_CHOICE);
  const bannerRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const returnFocusRef = useRef<Element | null>(null);

  useScrollPaddingFor(bannerRef);

  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    if (!panel.contains(document.activeElement)) returnFocusRef.current = document.activeElement;
    panel.focus({ preventScroll: true });
  }, []);

  const decide = (decision: () => void) => {
    focusOutside(returnFocusRef.current);
    decision();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (choosing) {
      setChoosing(false);
      document.getElementById(`${id}-choose`)?.focus();
    } else {
      focusOutside(returnFocusRef.current);
    }
  };

  const handleSave = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    decide(() => save(draft));
  };

  return (
    <div ref={bannerRef} className="pc-banner">
      <div className="pl-container">
        <section
          ref={panelRef}
          className="pc-banner__panel"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-message`}
          tabIndex={-1}
          onKeyDown={handleKeyDown}
        >
          <div className="pc-banner__body">
            <div className="pc-banner__text">
              <h2 id={`${id}-title`} className="pc-banner__title">
                {t('banner.title')}
              </h2>
              <p id={`${id}-message`} className="pc-banner__message">
                {t('banner.message')}
              </p>
              <p className="pc-banner__hint">
                <Trans
                  t={t}
                  i18nKey="banner.settingsHint"
                  components={{ settingsLink: <Link to={PRIVACY_SETTINGS_PATH} /> }}
                />
              </p>
            </div>
            <div className="pc-banner__actions">
              <Button variant="secondary" onClick={() => decide(acceptAll)}>
                {t('banner.acceptAll')}
              </Button>
              <Button variant="secondary" onClick={() => decide(rejectAll)}>
                {t('banner.rejectAll')}
              </Button>
              <Button
                id={`${id}-choose`}
                variant="secondary"
                aria-expanded={choosing}
                aria-controls={`${id}-choices`}
                onClick={() => setChoosing((open) => !open)}
              >
                {t('banner.choose')}
              </Button>
            </div>
          </div>
          <form id={`${id}-choices`} className="pc-banner__choices" hidden={!choosing} onSubmit={handleSave}>
            <fieldset className="pc-fieldset">
              <legend className="pl-visually-hidden">{t('banner.choicesLegend')}</legend>
              <ConsentCategoryFields value={draft} onChange={setDraft} />
            </fieldset>
            <div className="pc-banner__save">
              <Button type="submit" variant="secondary">
                {t('banner.save')}
              </Button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}
