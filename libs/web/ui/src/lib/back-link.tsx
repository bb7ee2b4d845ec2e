import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ArrowLeftIcon } from './icons';

export interface BackLinkProps {
  to: string;
  children: ReactNode;
}

/** "← Back to …" above a page title: one look for every page that has a parent. Hidden when printing. */
export function BackLink({ to, children }: BackLinkProps) {
  return (
    <Link to={to} className="pl-back-link">
      <ArrowLeftIcon />
      {children}
    </Link>
  );
}
