import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { classNames } from './class-names';

export interface NavLinkItem {
  to: string;
  label: ReactNode;
  /** Match the path exactly (for an overview page whose children have their own links). */
  end?: boolean;
}

export interface NavLinksProps {
  /** Names the landmark, e.g. "Event". */
  label: string;
  items: readonly NavLinkItem[];
  tone?: 'light' | 'dark';
}

/** A navigation landmark with a list of links; the current page is marked with `aria-current="page"`. */
export function NavLinks({ label, items, tone = 'light' }: NavLinksProps) {
  return (
    <nav aria-label={label} className={classNames('pl-nav', `pl-nav--${tone}`)}>
      <ul className="pl-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="pl-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
