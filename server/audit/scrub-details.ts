// Audit details are kept for years and exported as CSV: a secret must never get in, even when
// a caller passes a whole input object. Keys whose name ends in one of these words are dropped.
const secretKeyEndings = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'privatekey',
  'apikey',
  'passwordhash',
  'tokenhash',
];

// Values can carry secrets too: our own tokens, sealed secrets, and conninfo passwords.
const secretValuePatterns: [RegExp, string][] = [
  [/\b(cellar_|cs_)[A-Za-z0-9_-]{20,}/g, '$1[redacted]'],
  [/\bv1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+/g, '[sealed secret]'],
  [/(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)/gi, '$1[redacted]'],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)[^@/?#\s]*@/gi, '$1[redacted]@'],
];

const maxDepth = 8;

export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return secretKeyEndings.some((ending) => normal.endsWith(ending));
}

export function scrubString(value: string): string {
  return secretValuePatterns.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    value,
  );
}

/** A JSON-safe copy of `value` without secrets: secret keys dropped, bigints and dates as strings. */
export function scrubDetails(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return scrubString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (depth >= maxDepth) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubDetails(item, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isSecretKey(key) || item === undefined) continue;
      out[key] = scrubDetails(item, depth + 1);
    }
    return out;
  }
  // Functions and symbols have no place in an audit row.
  return `[${typeof value}]`;
}
