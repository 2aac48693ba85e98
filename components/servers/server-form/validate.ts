import {
  createServerInput,
  serverCrossFieldIssues,
  updateServerInput,
  type CreateServerInput,
  type UpdateServerInput,
} from '@/server/contracts/servers';
import type { FieldMessages } from '@/components/api/api-error';
import type { FormState } from './form-state';
import { toCreateInput, toUpdateInput } from './to-payload';

type Issue = { path: readonly PropertyKey[]; message: string };

/** Zod issues keyed like the server's 422 `details.fields` (dotted path, "_" for the whole form). */
export function issuesToFields(issues: readonly Issue[]): FieldMessages {
  const fields: FieldMessages = {};
  for (const issue of issues)
    addMessage(fields, issue.path.length ? issue.path.map(String).join('.') : '_', issue.message);
  return fields;
}

function addMessage(fields: FieldMessages, key: string, message: string): void {
  const list = (fields[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

function crossFieldErrors(f: FormState, into: FieldMessages): FieldMessages {
  const merged = {
    backupMethod: f.backupMethod,
    sshTarget: f.sshTarget.trim() || null,
    streamingArchiver: f.streamingArchiver,
    slotName: f.slotName.trim() || null,
  };
  for (const issue of serverCrossFieldIssues(merged)) addMessage(into, issue.field, issue.message);
  return into;
}

type Result<T> = { input: T; errors: FieldMessages };

/** The same zod schema the API applies, so the form rejects what the server would. */
export function validateCreate(f: FormState): Result<CreateServerInput> {
  const input = toCreateInput(f);
  const parsed = createServerInput.safeParse(input);
  return { input, errors: crossFieldErrors(f, parsed.success ? {} : issuesToFields(parsed.error.issues)) };
}

/** Field rules on the changes; rules between fields on the whole server as it will be after saving. */
export function validateUpdate(f: FormState, base: FormState): Result<UpdateServerInput> {
  const input = toUpdateInput(f, base);
  const parsed = updateServerInput.safeParse(input);
  return { input, errors: crossFieldErrors(f, parsed.success ? {} : issuesToFields(parsed.error.issues)) };
}
