import type { FieldMessages } from '@/components/api/api-error';
import { emptyForm } from './form-state';

const formFields = new Set(Object.keys(emptyForm()));

/**
 * A count of the fields to fix (their messages stay beside them), plus any message the form
 * cannot place beside a field, e.g. a rule about the whole server.
 */
export function FormProblems({ errors }: { errors: FieldMessages }) {
  const keys = Object.keys(errors).filter((k) => errors[k]?.length);
  if (!keys.length) return null;
  const placed = keys.filter((k) => formFields.has(k));
  const unplaced = keys
    .filter((k) => !formFields.has(k))
    .flatMap((k) => (errors[k] ?? []).map((m) => (k === '_' ? m : `${k}: ${m}`)));
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      {placed.length ? (
        <p>
          {placed.length === 1 ? '1 field needs attention' : `${placed.length} fields need attention`}: see
          the message beside it.
        </p>
      ) : null}
      {unplaced.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
