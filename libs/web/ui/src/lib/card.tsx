import type { HTMLAttributes, ReactNode } from 'react';
import { classNames } from './class-names';

export interface CardProps extends HTMLAttributes<HTMLElement> {
  /** The element to render: `li` inside lists, `article` for standalone content. */
  as?: 'div' | 'li' | 'article' | 'section';
  /** Lift on hover: for cards whose heading is a link covering the card. */
  interactive?: boolean;
  children: ReactNode;
}

export function Card({ as: Element = 'div', interactive = false, className, children, ...props }: CardProps) {
  return (
    <Element className={classNames('pl-card', interactive && 'pl-card--interactive', className)} {...props}>
      {children}
    </Element>
  );
}
