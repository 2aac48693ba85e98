import { useState } from 'react';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import type { FormState } from './form-state';
import type { SetField } from './section-props';

/** Form values plus the messages beside each field, from the client's zod check or the server's 422/409. */
export function useServerFormState(initial: () => FormState) {
  const [base, setBase] = useState(initial);
  const [form, setForm] = useState(base);
  const [errors, setErrors] = useState<FieldMessages>({});

  const set: SetField = (key, value) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _dropped, ...rest } = e;
      return rest;
    });
  };

  const reset = (next: FormState) => {
    setBase(next);
    setForm(next);
    setErrors({});
  };

  /** A 409 on creation is a duplicate name: it belongs beside the name field. */
  const showServerError = (error: unknown, creating: boolean) => {
    if (!isApiError(error)) return;
    if (error.status === 409 && creating) setErrors({ name: [error.message] });
    else setErrors(error.fields);
  };

  return { base, form, errors, set, reset, setErrors, showServerError };
}

export function isFieldShownInline(error: unknown, creating: boolean): boolean {
  return isApiError(error) && error.status === 409 && creating;
}
