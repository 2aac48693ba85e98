import { DomainError } from '../errors/domain-error';
import { splitPassword } from '../pg/conninfo';
import { encryptSecret } from '../secrets/secret-box';

/**
 * A conninfo may carry a password (`password=…` or `user:pass@` in a URI). It is taken out and
 * encrypted; the stored conninfo never holds one. An explicit password field wins.
 */
export function sealConninfo(field: string, conninfo: string, explicitPassword?: string | null): { conninfo: string; secret: string | null | undefined } {
  let split: { conninfo: string; password?: string };
  try {
    split = splitPassword(conninfo);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw DomainError.validation('The conninfo is not valid.', { [field]: [`${reason} Use key=value pairs (host=… port=… user=… dbname=…) or a postgresql:// URI.`] });
  }
  const password = explicitPassword ?? split.password;
  return { conninfo: split.conninfo, secret: password ? encryptSecret(password) : explicitPassword === null ? null : undefined };
}

export function sealOptional(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null ? null : encryptSecret(value);
}
