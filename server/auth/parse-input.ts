import type { z } from 'zod';
import { DomainError, type FieldErrors } from '../errors/domain-error';

/** Parses a verb's input; a failure becomes `validation_failed` with one message per field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  message = 'Some fields are not valid.',
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw DomainError.validation(message, fieldErrors(parsed.error));
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) (fields[issue.path.join('.') || '_'] ??= []).push(issue.message);
  return fields;
}
