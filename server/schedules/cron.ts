import { CronExpressionParser } from 'cron-parser';

// Cron expressions, read in a time zone, with one library for everything: validation, the next
// run shown in the console, the occurrences a late firing missed, and (as BullMQ's repeat
// strategy) the times the job schedulers fire at. So what the console promises is what fires.

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with an expression, or null. */
export function cronProblem(expression: string, tz: string): string | null {
  if (!isTimeZone(tz)) return `"${tz}" is not a time zone; use an IANA name such as UTC or Europe/Paris.`;
  try {
    CronExpressionParser.parse(expression, { tz, strict: false }).next();
    return null;
  } catch (error) {
    return `"${expression}" is not a cron expression (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/** The first occurrence strictly after `after`; null when there is none. */
export function nextOccurrence(expression: string, tz: string, after: Date): Date | null {
  try {
    return CronExpressionParser.parse(expression, { tz, currentDate: after }).next().toDate();
  } catch {
    return null;
  }
}

/** Occurrences in (from, to], oldest first, at most `limit` (the newest ones when cut). */
export function occurrencesBetween(expression: string, tz: string, from: Date, to: Date, limit = 1000): Date[] {
  const found: Date[] = [];
  let cursor = nextOccurrence(expression, tz, from);
  while (cursor && cursor.getTime() <= to.getTime()) {
    found.push(cursor);
    if (found.length > limit) found.shift();
    cursor = nextOccurrence(expression, tz, cursor);
  }
  return found;
}

/** The shortest gap between the next `samples` occurrences after `from`, in ms. */
export function shortestInterval(expression: string, tz: string, from: Date, samples = 50): number {
  let previous = nextOccurrence(expression, tz, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 0; previous && i < samples; i++) {
    const next = nextOccurrence(expression, tz, previous);
    if (!next) break;
    shortest = Math.min(shortest, next.getTime() - previous.getTime());
    previous = next;
  }
  return shortest;
}

/** BullMQ's repeatStrategy for pattern schedulers: the next fire time after `millis`. */
export function cronRepeatStrategy(millis: number, opts: { pattern?: string; tz?: string | null }): number | undefined {
  if (!opts.pattern) return undefined;
  return nextOccurrence(opts.pattern, opts.tz ?? 'UTC', new Date(millis))?.getTime();
}
