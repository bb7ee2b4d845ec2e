import type { ReactNode } from 'react';

export interface PageHeaderProps {
  /** Small caps line above the title, e.g. the section name. */
  eyebrow?: ReactNode;
  /** The page's one h1. */
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  /** Content above the eyebrow, e.g. a back link. */
  before?: ReactNode;
}

export function PageHeader({ eyebrow, title, lead, actions, before }: PageHeaderProps) {
  return (
    <header className="pl-page-header">
      {before}
      {eyebrow && <p className="pl-eyebrow">{eyebrow}</p>}
      <h1 className="pl-page-header__title">{title}</h1>
      {lead && <p className="pl-page-header__lead">{lead}</p>}
      {actions && <div className="pl-page-header__actions">{actions}</div>}
    </header>
  );
}
