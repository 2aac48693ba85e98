'use client';

import { Badge } from '@/components/ui/badge';
import { CheckboxField, TextAreaField, TextField } from '@/components/ui/field';
import type { SecretState } from './form-state';

type Props = {
  name: string;
  label: string;
  help: string;
  /** Undefined when creating; on edit, whether a value is stored. */
  isSet?: boolean;
  state: SecretState;
  errors?: string[];
  multiline?: boolean;
  disabled?: boolean;
  onChange: (next: SecretState) => void;
};

/** Write-only: the stored value is never sent to the browser, only whether one exists. */
export function SecretField({
  name,
  label,
  help,
  isSet,
  state,
  errors,
  multiline,
  disabled,
  onChange,
}: Props) {
  const editing = isSet !== undefined;
  const fullHelp = editing ? (
    <>
      Stored value: <Badge tone={isSet ? 'green' : 'gray'}>{isSet ? 'set' : 'not set'}</Badge>. {help}
      {isSet ? ' Leave empty to keep the stored value.' : ''}
    </>
  ) : (
    help
  );
  const common = {
    name,
    label,
    help: fullHelp,
    errors,
    value: state.value,
    disabled: disabled || state.clear,
    autoComplete: 'off',
    spellCheck: false,
    placeholder: isSet ? 'Stored — type a new value to replace it' : undefined,
  };
  return (
    <div className="space-y-2">
      {multiline ? (
        <TextAreaField {...common} rows={5} onChange={(e) => onChange({ ...state, value: e.target.value })} />
      ) : (
        <TextField
          {...common}
          type="password"
          autoComplete="new-password"
          onChange={(e) => onChange({ ...state, value: e.target.value })}
        />
      )}
      {editing && isSet && !disabled ? (
        <CheckboxField
          label={`Clear the stored ${label}`}
          checked={state.clear}
          onChange={(e) => onChange({ value: '', clear: e.target.checked })}
        />
      ) : null}
    </div>
  );
}
