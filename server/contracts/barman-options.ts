import { z } from 'zod';

// Barman's option formats (config.py, retention_policies.py), parsed the way Barman parses them,
// with messages that say which forms are accepted. Pure: shared by the API, the console's forms,
// the CLI and the checks.

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const dayS = 86_400;

// ── retention_policy ─────────────────────────────────────────────────────────

export type WindowUnit = 'days' | 'weeks' | 'months';
export type RetentionPolicy =
  { kind: 'redundancy'; count: number } | { kind: 'window'; amount: number; unit: WindowUnit; days: number };

const redundancyRe = /^\s*REDUNDANCY\s+(\d+)\s*$/i;
const windowRe = /^\s*RECOVERY\s+WINDOW\s+OF\s+(\d+)\s+(DAY|WEEK|MONTH)S?\s*$/i;
// Barman counts a month as 31 days, so a window never falls short of a calendar month.
const windowUnitDays: Record<WindowUnit, number> = { days: 1, weeks: 7, months: 31 };

export const retentionPolicyForms = '"REDUNDANCY n" or "RECOVERY WINDOW OF n DAYS|WEEKS|MONTHS" (n ≥ 1)';

export function tryParseRetentionPolicy(text: string): ParseResult<RetentionPolicy> {
  const redundancy = redundancyRe.exec(text);
  if (redundancy) {
    const count = Number(redundancy[1]);
    if (count < 1) return { ok: false, error: 'REDUNDANCY must keep at least 1 backup.' };
    return { ok: true, value: { kind: 'redundancy', count } };
  }
  const window = windowRe.exec(text);
  if (window) {
    const amount = Number(window[1]);
    if (amount < 1) return { ok: false, error: 'A recovery window must be at least 1 day, week or month.' };
    const unit = `${(window[2] ?? '').toLowerCase()}s` as WindowUnit;
    return { ok: true, value: { kind: 'window', amount, unit, days: amount * windowUnitDays[unit] } };
  }
  return { ok: false, error: `"${text.trim()}" is not a retention policy; write ${retentionPolicyForms}.` };
}

export function parseRetentionPolicy(text: string): RetentionPolicy {
  return unwrap(tryParseRetentionPolicy(text));
}

export function formatRetentionPolicy(policy: RetentionPolicy): string {
  if (policy.kind === 'redundancy') return `REDUNDANCY ${policy.count}`;
  const unit = policy.unit.toUpperCase();
  return `RECOVERY WINDOW OF ${policy.amount} ${policy.amount === 1 ? unit.slice(0, -1) : unit}`;
}

// ── last_backup_maximum_age / last_wal_maximum_age ───────────────────────────

export type AgeUnit = 'hour' | 'day' | 'week' | 'month';
export type Age = { amount: number; unit: AgeUnit; seconds: number };

// Barman's _TIME_INTERVAL_RE: N, at least one space, a unit, an optional trailing "s".
const ageRe = /^\s*(\d+)\s+(hour|day|week|month)s?\s*$/i;
const ageUnitSeconds: Record<AgeUnit, number> = { hour: 3600, day: dayS, week: 7 * dayS, month: 31 * dayS };

export const ageForms =
  '"N hours", "N days", "N weeks" or "N months" (e.g. "1 day", "36 hours"; a month is 31 days)';

export function tryParseAge(text: string): ParseResult<Age> {
  const match = ageRe.exec(text);
  if (!match) return { ok: false, error: `"${text.trim()}" is not a duration; write ${ageForms}.` };
  const amount = Number(match[1]);
  if (amount < 1) return { ok: false, error: 'A maximum age must be at least 1 hour.' };
  const unit = (match[2] ?? '').toLowerCase() as AgeUnit;
  return { ok: true, value: { amount, unit, seconds: amount * ageUnitSeconds[unit] } };
}

/** Seconds in a Barman time interval ("1 day" → 86400). */
export function parseAge(text: string): number {
  return unwrap(tryParseAge(text)).seconds;
}

/** Canonical text: "2 weeks", "1 day". From seconds, the largest unit that divides exactly. */
export function formatAge(age: Age | number): string {
  if (typeof age !== 'number') return `${age.amount} ${age.unit}${age.amount === 1 ? '' : 's'}`;
  const units: AgeUnit[] = ['month', 'week', 'day', 'hour'];
  const unit = units.find((u) => age > 0 && age % ageUnitSeconds[u] === 0);
  if (!unit) throw new RangeError(`${age} seconds is not a whole number of hours.`);
  const amount = age / ageUnitSeconds[unit];
  return formatAge({ amount, unit, seconds: age });
}

// ── last_backup_minimum_size ─────────────────────────────────────────────────

// Barman's parse_si_suffix: case-sensitive; k, M, G, T are powers of 1000, Ki..Ti powers of 1024.
const sizeRe = /^(\d+)\s*(k|Ki|M|Mi|G|Gi|T|Ti)?\s*$/;
export const sizeUnits = {
  k: 1000n,
  Ki: 1024n,
  M: 1000n ** 2n,
  Mi: 1024n ** 2n,
  G: 1000n ** 3n,
  Gi: 1024n ** 3n,
  T: 1000n ** 4n,
  Ti: 1024n ** 4n,
} as const;
export type SizeUnit = keyof typeof sizeUnits;

export const sizeForms =
  'a whole number of bytes with an optional unit k, Ki, M, Mi, G, Gi, T or Ti (e.g. "500M", "1 Gi"; units are case-sensitive)';

export function tryParseSize(text: string): ParseResult<bigint> {
  const match = sizeRe.exec(text.trim());
  if (!match) return { ok: false, error: `"${text.trim()}" is not a size; write ${sizeForms}.` };
  const unit = match[2] as SizeUnit | undefined;
  return { ok: true, value: BigInt(match[1] ?? '0') * (unit ? sizeUnits[unit] : 1n) };
}

/** Bytes in a Barman size ("1 Gi" → 1073741824n, "10k" → 10000n). */
export function parseSize(text: string): bigint {
  return unwrap(tryParseSize(text));
}

/** Canonical text: the largest unit that divides exactly ("1 Gi", "500 M", "1234"). */
export function formatSize(bytes: bigint): string {
  if (bytes < 0n) throw new RangeError('A size cannot be negative.');
  const byFactor = (Object.entries(sizeUnits) as [SizeUnit, bigint][]).sort((a, b) =>
    a[1] > b[1] ? -1 : a[1] < b[1] ? 1 : 0,
  );
  const best = byFactor.find(([, factor]) => bytes > 0n && bytes % factor === 0n);
  return best ? `${bytes / best[1]} ${best[0]}` : `${bytes}`;
}

// ── display (Barman's utils.pretty_size and human_readable_timedelta) ────────

/** "41.8 MiB", "0 B": powers of 1024, one decimal, as Barman prints sizes in check hints. */
export function prettySize(bytes: number | bigint): string {
  const suffixes = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
  let size = Number(bytes);
  for (const [i, suffix] of suffixes.entries()) {
    if (Math.abs(size) < 1024 || i === suffixes.length - 1)
      return i === 0 ? `${Math.trunc(size)} ${suffix}` : `${size.toFixed(1)} ${suffix}`;
    size /= 1024;
  }
  return `${size} B`;
}

/** "1 day, 4 hours, 2 minutes" — days, hours, minutes, seconds, as Barman words intervals. */
export function humanDuration(seconds: number): string {
  const whole = Math.trunc(Math.abs(seconds));
  if (Math.abs(seconds) < 1) return seconds < 0 ? 'less than one second ago' : 'less than one second';
  const parts: [number, string][] = [
    [Math.floor(whole / dayS), 'day'],
    [Math.floor((whole % dayS) / 3600), 'hour'],
    [Math.floor((whole % 3600) / 60), 'minute'],
    [whole % 60, 'second'],
  ];
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(', ');
  return seconds < 0 ? `${text} ago` : text;
}

// ── zod schemas: validate and normalise to the canonical text ────────────────

function canonical<T>(
  parse: (text: string) => ParseResult<T>,
  format: (value: T) => string,
  emptyMessage: string,
) {
  return z
    .string({ error: emptyMessage })
    .trim()
    .min(1, emptyMessage)
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.error, input: text });
        return z.NEVER;
      }
      return format(parsed.value);
    });
}

/** "redundancy 3" → "REDUNDANCY 3"; "recovery window of 2 week" → "RECOVERY WINDOW OF 2 WEEKS". */
export const retentionPolicySchema = canonical(
  tryParseRetentionPolicy,
  formatRetentionPolicy,
  `Write a retention policy: ${retentionPolicyForms}.`,
);
/** "36 Hours" → "36 hours"; "1 days" → "1 day". */
export const ageSchema = canonical(tryParseAge, formatAge, `Write a duration: ${ageForms}.`);
/** "1Gi" → "1 Gi"; "1000000" → "1 M". Convert to bytes with parseSize. */
export const sizeSchema = canonical(tryParseSize, formatSize, `Write a size: ${sizeForms}.`);

function unwrap<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new RangeError(result.error);
  return result.value;
}
