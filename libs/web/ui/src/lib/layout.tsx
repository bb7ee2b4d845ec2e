import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-router';

const MAIN_ID = 'main-content';

export interface LayoutProps {
  /** The brand shown top left, e.g. `<Brand name="Plenary" />`. */
  brand: ReactNode;
  brandHref: string;
  /** Accessible name of the brand link, e.g. "Plenary home". */
  brandLabel: string;
  /** Primary navigation, e.g. `<NavLinks>`. */
  nav?: ReactNode;
  /** A second header row under the brand bar, e.g. the current event's name and navigation. */
  subheader?: ReactNode;
  skipLinkLabel: string;
  footer: ReactNode;
  children: ReactNode;
}

/** The page frame: skip link, header with brand and navigation, one main landmark, footer. */
export function Layout({
  brand,
  brandHref,
  brandLabel,
  nav,
  subheader,
  skipLinkLabel,
  footer,
  children,
}: LayoutProps) {
  // Move focus into main without touching the URL hash (the router owns the URL).
  const handleSkip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };

  return (
    <div className="pl-app">
      <a className="pl-skip-link" href={`#${MAIN_ID}`} onClick={handleSkip}>
        {skipLinkLabel}
      </a>
      <header className="pl-site-header">
        <div className="pl-site-header__bar">
          <div className="pl-container pl-site-header__inner">
            <Link to={brandHref} className="pl-site-header__brand" aria-label={brandLabel}>
              {brand}
            </Link>
            {nav}
          </div>
        </div>
        {subheader}
      </header>
      <main id={MAIN_ID} className="pl-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="pl-site-footer">
        <div className="pl-container">{footer}</div>
      </footer>
    </div>
  );
}

/** Centres content at the reading width of the site, with responsive gutters. */
export function Container({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={className ? `pl-container ${className}` : 'pl-container'}>{children}</div>;
}
