import type {
  ChangeEvent,
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';
import { classNames } from './class-names';

/** What every form field shows around its control. */
export interface FieldProps {
  /** The control's id; the hint and error get `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  /** Help shown under the label, e.g. what the field is for. */
  hint?: ReactNode;
  /** The field's error message; marks the control invalid. */
  error?: ReactNode;
  /** Shown after the label of a field that may stay empty, e.g. "(optional)". */
  optionalLabel?: string;
}

/** The ids a control is described by: its hint, then its error. */
export function fieldDescribedBy(id: string, hint: ReactNode, error: ReactNode): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldLabel({ id, label, optionalLabel }: Pick<FieldProps, 'id' | 'label' | 'optionalLabel'>) {
  return (
    <label htmlFor={id} className="pl-field__label">
      {label}
      {optionalLabel && <span className="pl-field__optional"> {optionalLabel}</span>}
    </label>
  );
}

function FieldHint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p id={`${id}-hint`} className="pl-field__hint">
      {hint}
    </p>
  ) : null;
}

function FieldError({ id, error }: { id: string; error: ReactNode }) {
  return error ? (
    <p id={`${id}-error`} className="pl-field__error">
      {error}
    </p>
  ) : null;
}

export type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A labelled text input with hint and error. */
export function TextField({ id, label, hint, error, optionalLabel, className, ...input }: TextFieldProps) {
  return (
    <div className={classNames('pl-field', Boolean(error) && 'pl-field--invalid', className)}>
      <FieldLabel id={id} label={label} optionalLabel={optionalLabel} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <input
        id={id}
        className="pl-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        {...input}
      />
    </div>
  );
}

export type TextAreaFieldProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/** A labelled multi-line text input with hint and error. */
export function TextAreaField({
  id,
  label,
  hint,
  error,
  optionalLabel,
  className,
  ...textarea
}: TextAreaFieldProps) {
  return (
    <div className={classNames('pl-field', Boolean(error) && 'pl-field--invalid', className)}>
      <FieldLabel id={id} label={label} optionalLabel={optionalLabel} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <textarea
        id={id}
        className="pl-input pl-input--multiline"
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        {...textarea}
      />
    </div>
  );
}

export type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

/** A labelled native select with hint and error. */
export function SelectField({
  id,
  label,
  hint,
  error,
  optionalLabel,
  className,
  children,
  ...select
}: SelectFieldProps) {
  return (
    <div className={classNames('pl-field', Boolean(error) && 'pl-field--invalid', className)}>
      <FieldLabel id={id} label={label} optionalLabel={optionalLabel} />
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <select
        id={id}
        className="pl-input pl-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

export interface RadioOption<Value extends string> {
  value: Value;
  label: ReactNode;
  /** One line under the label. */
  description?: ReactNode;
}

export interface RadioGroupProps<Value extends string> extends Omit<FieldProps, 'label'> {
  legend: ReactNode;
  name: string;
  options: readonly RadioOption<Value>[];
  value: Value | undefined;
  onChange: (value: Value) => void;
  disabled?: boolean;
}

/**
 * Radio buttons in a fieldset. The first radio carries `id`, so an error summary link to `#id` lands on the
 * group; the others get `${id}-${value}`.
 */
export function RadioGroup<Value extends string>({
  id,
  legend,
  hint,
  error,
  optionalLabel,
  name,
  options,
  value,
  onChange,
  disabled,
}: RadioGroupProps<Value>) {
  const handleChange = (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value as Value);
  return (
    <fieldset
      className={classNames('pl-field', 'pl-fieldset', Boolean(error) && 'pl-field--invalid')}
      aria-describedby={fieldDescribedBy(id, hint, error)}
    >
      <legend className="pl-field__label">
        {legend}
        {optionalLabel && <span className="pl-field__optional"> {optionalLabel}</span>}
      </legend>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
      <div className="pl-choices">
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className="pl-choice">
              <input
                type="radio"
                id={optionId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={handleChange}
                disabled={disabled}
                aria-describedby={option.description ? `${optionId}-description` : undefined}
                className="pl-choice__control"
              />
              <label htmlFor={optionId} className="pl-choice__label">
                {option.label}
              </label>
              {option.description && (
                <p id={`${optionId}-description`} className="pl-choice__description">
                  {option.description}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export type CheckboxFieldProps = Omit<FieldProps, 'optionalLabel'> &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

/** One checkbox with its label to the right, a hint under it, and an error above. */
export function CheckboxField({ id, label, hint, error, className, ...input }: CheckboxFieldProps) {
  return (
    <div className={classNames('pl-field', Boolean(error) && 'pl-field--invalid', className)}>
      <FieldError id={id} error={error} />
      <div className="pl-choice">
        <input
          type="checkbox"
          id={id}
          className="pl-choice__control"
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy(id, hint, error)}
          {...input}
        />
        <label htmlFor={id} className="pl-choice__label">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="pl-choice__description">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
