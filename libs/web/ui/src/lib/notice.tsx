import type { ReactNode, Ref } from 'react';
import { classNames } from './class-names';

export type NoticeTone = 'info' | 'success' | 'warning' | 'error';

export interface NoticeProps {
  tone?: NoticeTone;
  title?: ReactNode;
  headingLevel?: 2 | 3;
  children?: ReactNode;
  actions?: ReactNode;
  /** `status` for news that may wait, `alert` for news that must interrupt; none for static text. */
  role?: 'status' | 'alert';
  className?: string;
  /** Lets a caller move focus to the notice (it is focusable with `tabIndex=-1`). */
  ref?: Ref<HTMLDivElement>;
}

/** A boxed message: a result, a warning or a failure, with optional actions. */
export function Notice({
  tone = 'info',
  title,
  headingLevel = 2,
  children,
  actions,
  role,
  className,
  ref,
}: NoticeProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      role={role}
      className={classNames('pl-notice', `pl-notice--${tone}`, className)}
    >
      {title && <Heading className="pl-notice__title">{title}</Heading>}
      {children && <div className="pl-notice__body">{children}</div>}
      {actions && <div className="pl-notice__actions">{actions}</div>}
    </div>
  );
}
