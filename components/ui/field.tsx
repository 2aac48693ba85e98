'use client';

import { useId, type ComponentProps, type ReactNode } from 'react';

export type FieldProps = { label: ReactNode; help?: ReactNode; errors?: string[] };

const inputClass =
  'block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 ' +
  'focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30 disabled:bg-zinc-100 disabled:text-zinc-500 ' +
  'aria-invalid:border-red-600 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100 dark:disabled:bg-zinc-800';

/** Ids that tie a control to its help text and its error messages (aria-describedby). */
export function useFieldIds(errors?: string[]) {
  const id = useId();
  const hasErrors = Boolean(errors?.length);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  return {
    id,
    helpId,
    errorId,
    aria: (hasHelp: boolean) => ({
      'aria-invalid': hasErrors || undefined,
      'aria-errormessage': hasErrors ? errorId : undefined,
      'aria-describedby':
        [hasErrors ? errorId : null, hasHelp ? helpId : null].filter(Boolean).join(' ') || undefined,
    }),
  };
}

export function FieldMessages({
  id,
  helpId,
  help,
  errors,
}: {
  id: string;
  helpId: string;
  help?: ReactNode;
  errors?: string[];
}) {
  return (
    <>
      {errors?.length ? (
        <p id={id} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">
          {errors.map((e) => (
            <span key={e} className="block">
              {e}
            </span>
          ))}
        </p>
      ) : null}
      {help ? (
        <p id={helpId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {help}
        </p>
      ) : null}
    </>
  );
}

function Label({
  htmlFor,
  children,
  required,
}: {
  htmlFor: string;
  children: ReactNode;
  required?: boolean;
}) {
  // The "(required)" mark stays outside <label> so the accessible name is the label alone;
  // the input's `required` attribute tells assistive technology.
  return (
    <div className="mb-1 flex items-baseline gap-1 text-sm">
      <label htmlFor={htmlFor} className="font-medium text-zinc-900 dark:text-zinc-100">
        {children}
      </label>
      {required ? (
        <span aria-hidden className="text-zinc-500 dark:text-zinc-400">
          (required)
        </span>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  help,
  errors,
  className,
  ...input
}: FieldProps & Omit<ComponentProps<'input'>, 'id'>) {
  const ids = useFieldIds(errors);
  return (
    <div className={className}>
      <Label htmlFor={ids.id} required={input.required}>
        {label}
      </Label>
      <input id={ids.id} className={inputClass} {...ids.aria(Boolean(help))} {...input} />
      <FieldMessages id={ids.errorId} helpId={ids.helpId} help={help} errors={errors} />
    </div>
  );
}

export function TextAreaField({
  label,
  help,
  errors,
  className,
  ...input
}: FieldProps & Omit<ComponentProps<'textarea'>, 'id'>) {
  const ids = useFieldIds(errors);
  return (
    <div className={className}>
      <Label htmlFor={ids.id} required={input.required}>
        {label}
      </Label>
      <textarea id={ids.id} className={`${inputClass} font-mono`} {...ids.aria(Boolean(help))} {...input} />
      <FieldMessages id={ids.errorId} helpId={ids.helpId} help={help} errors={errors} />
    </div>
  );
}

type Option = { value: string; label: string };

export function SelectField({
  label,
  help,
  errors,
  options,
  className,
  ...select
}: FieldProps & { options: readonly Option[] } & Omit<ComponentProps<'select'>, 'id'>) {
  const ids = useFieldIds(errors);
  return (
    <div className={className}>
      <Label htmlFor={ids.id} required={select.required}>
        {label}
      </Label>
      <select id={ids.id} className={inputClass} {...ids.aria(Boolean(help))} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={ids.errorId} helpId={ids.helpId} help={help} errors={errors} />
    </div>
  );
}

export function CheckboxField({
  label,
  help,
  errors,
  className,
  ...input
}: FieldProps & Omit<ComponentProps<'input'>, 'id' | 'type'>) {
  const ids = useFieldIds(errors);
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          id={ids.id}
          type="checkbox"
          className="mt-0.5 size-4 rounded border-zinc-400 accent-blue-700"
          {...ids.aria(Boolean(help))}
          {...input}
        />
        <label htmlFor={ids.id} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {label}
        </label>
      </div>
      <div className="pl-6">
        <FieldMessages id={ids.errorId} helpId={ids.helpId} help={help} errors={errors} />
      </div>
    </div>
  );
}
