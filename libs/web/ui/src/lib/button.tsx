import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react';
import { Link } from 'react-router';
import type { LinkProps } from 'react-router';
import { classNames } from './class-names';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet';
export type ButtonSize = 'md' | 'lg';

interface ButtonStyleProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Icon after the label, e.g. an arrow. */
  trailingIcon?: ReactNode;
}

function buttonClassName(variant: ButtonVariant, size: ButtonSize, className?: string): string {
  return classNames('pl-button', `pl-button--${variant}`, `pl-button--${size}`, className);
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> &
  ButtonStyleProps & { ref?: Ref<HTMLButtonElement> };

export function Button({
  variant = 'primary',
  size = 'md',
  type = 'button',
  className,
  trailingIcon,
  children,
  ...props
}: ButtonProps) {
  return (
    <button type={type} className={buttonClassName(variant, size, className)} {...props}>
      {children}
      {trailingIcon}
    </button>
  );
}

export type LinkButtonProps = LinkProps & ButtonStyleProps;

/** A link (navigation) that looks like a button. */
export function LinkButton({
  variant = 'primary',
  size = 'md',
  className,
  trailingIcon,
  children,
  ...props
}: LinkButtonProps) {
  return (
    <Link className={buttonClassName(variant, size, className)} {...props}>
      {children}
      {trailingIcon}
    </Link>
  );
}
