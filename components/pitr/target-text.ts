import type { PlanRestoreInput } from '@/server/contracts/recovery';

// What a DBA types as a recovery target, read the way they mean it: a time (in the zone they
// chose, or with its own offset), an xid, an LSN, a restore point's name, "immediate" or
// "latest". Pure, so the wizard can validate on every keystroke without asking the server.

export type TargetKind = 'latest' | 'immediate' | 'time' | 'xid' | 'lsn' | 'name';
export type KindChoice = 'auto' | TargetKind;
export type Zone = 'local' | 'utc';
export type PlanTarget = PlanRestoreInput['target'];

export type ResolvedTarget =
  | { ok: true; kind: TargetKind; target: PlanTarget; reading: string }
  | { ok: false; kind: TargetKind | null; message: string };

export const kindLabels: Record<TargetKind, string> = {
  time: 'a time',
  xid: 'a transaction id (xid)',
  lsn: 'an LSN',
  name: 'a restore point',
  immediate: 'the consistency point of the backup (immediate)',
  latest: 'the end of the archive (latest)',
};

const lsnPattern = /^[0-9A-Fa-f]{1,8}\/[0-9A-Fa-f]{1,8}$/;
const timePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The kind of a typed target when the user lets Cellar tell; an exact restore point name wins. */
export function detectKind(text: string, restorePoints: readonly string[]): TargetKind | null {
  const value = text.trim();
  if (!value) return null;
  if (restorePoints.includes(value)) return 'name';
  if (/^latest$/i.test(value)) return 'latest';
  if (/^immediate$/i.test(value)) return 'immediate';
  if (lsnPattern.test(value)) return 'lsn';
  if (/^\d+$/.test(value)) return 'xid';
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return 'time';
  return 'name';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * "2026-12-06 14:05:03.123456" in the chosen zone, or with its own Z / ±HH[:MM] / UTC, to ISO
 * 8601 with an offset. The fraction is kept as typed (PostgreSQL's commit times have µs).
 */
export function parseTimeText(
  text: string,
  zone: Zone,
): { ok: true; iso: string } | { ok: false; message: string } {
  const m = timePattern.exec(text.trim());
  if (!m)
    return {
      ok: false,
      message:
        'Type a time as 2026-12-06 14:05:03 (seconds and fraction optional), with an offset such as +01:00 or Z if it is not in the zone chosen.',
    };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zoneText] = m;
  const parts = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
  const valid =
    utc.getUTCFullYear() === parts[0] &&
    utc.getUTCMonth() === parts[1] - 1 &&
    utc.getUTCDate() === parts[2] &&
    utc.getUTCHours() === parts[3] &&
    utc.getUTCMinutes() === parts[4] &&
    utc.getUTCSeconds() === parts[5];
  if (!valid) return { ok: false, message: `${text.trim()} is not a valid date and time.` };
  let offset: string;
  if (zoneText) {
    const z = zoneText.toUpperCase();
    if (z === 'Z' || z === 'UTC') offset = '+00:00';
    else {
      const digits = z.replace(':', '');
      offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
    }
  } else if (zone === 'utc') offset = '+00:00';
  else
    offset = offsetText(
      -new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]).getTimezoneOffset(),
    );
  return {
    ok: true,
    iso: `${y}-${mo}-${d}T${pad(parts[3])}:${pad(parts[4])}:${pad(parts[5])}${frac}${offset}`,
  };
}

/** The typed text as an API target, or why it cannot be one. */
export function resolveTarget(
  text: string,
  choice: KindChoice,
  zone: Zone,
  restorePoints: readonly string[],
): ResolvedTarget {
  const value = text.trim();
  const kind = choice === 'auto' ? detectKind(value, restorePoints) : choice;
  if (kind === null)
    return { ok: false, kind: null, message: 'Type a target, or pick one on the time axis.' };
  switch (kind) {
    case 'latest':
    case 'immediate':
      return { ok: true, kind, target: { kind }, reading: kindLabels[kind] };
    case 'time': {
      const parsed = parseTimeText(value, zone);
      if (!parsed.ok) return { ok: false, kind, message: parsed.message };
      return { ok: true, kind, target: { kind, time: parsed.iso }, reading: `the time ${parsed.iso}` };
    }
    case 'xid':
      if (!/^\d+$/.test(value) || BigInt(value) < 3n)
        return {
          ok: false,
          kind,
          message: 'A transaction id is a whole number of 3 or more (SELECT txid_current() shows one).',
        };
      return { ok: true, kind, target: { kind, xid: value }, reading: `transaction ${value}` };
    case 'lsn':
      if (!lsnPattern.test(value))
        return { ok: false, kind, message: 'An LSN looks like 0/3000060: two hex numbers separated by "/".' };
      return {
        ok: true,
        kind,
        target: { kind, lsn: value.toUpperCase() },
        reading: `LSN ${value.toUpperCase()}`,
      };
    case 'name':
      if (!value || value.length > 63)
        return { ok: false, kind, message: 'A restore point name has 1 to 63 characters.' };
      return { ok: true, kind, target: { kind, name: value }, reading: `restore point "${value}"` };
  }
}

/** A moment as "2026-12-06 14:05:03[.412]" in the zone chosen (what the target field shows). */
export function formatZoned(ms: number, zone: Zone, withMs: boolean): string {
  const d = new Date(ms);
  const utc = zone === 'utc';
  const date = `${utc ? d.getUTCFullYear() : d.getFullYear()}-${pad((utc ? d.getUTCMonth() : d.getMonth()) + 1)}-${pad(utc ? d.getUTCDate() : d.getDate())}`;
  const time = `${pad(utc ? d.getUTCHours() : d.getHours())}:${pad(utc ? d.getUTCMinutes() : d.getMinutes())}:${pad(utc ? d.getUTCSeconds() : d.getSeconds())}`;
  const millis = utc ? d.getUTCMilliseconds() : d.getMilliseconds();
  return `${date} ${time}${withMs ? `.${pad(millis, 3)}` : ''}`;
}

/** "UTC", or the browser's zone name ("Europe/Paris"). */
export function zoneName(zone: Zone): string {
  return zone === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

/** A typed time re-read in another zone, so switching zones keeps the moment, not the digits. */
export function convertTimeText(text: string, from: Zone, to: Zone): string {
  const parsed = parseTimeText(text, from);
  if (!parsed.ok || timePattern.exec(text.trim())?.[8]) return text;
  const frac = /\.(\d{1,6})/.exec(text)?.[1] ?? '';
  const base = formatZoned(Date.parse(parsed.iso), to, false);
  return frac ? `${base}.${frac}` : base;
}
