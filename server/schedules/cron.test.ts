import { describe, expect, it } from 'vitest';
import { createScheduleInput, cronSchema } from '../contracts/schedules';
import { cronProblem, cronRepeatStrategy, nextOccurrence, occurrencesBetween, shortestInterval } from './cron';

const at = (iso: string) => new Date(iso);

describe('cron expressions in a time zone', () => {
  it('finds the next occurrence in the schedule’s time zone, across a DST change', () => {
    expect(nextOccurrence('0 1 * * *', 'UTC', at('2026-12-06T00:30:00Z'))?.toISOString()).toBe('2026-12-06T01:00:00.000Z');
    expect(nextOccurrence('0 1 * * *', 'Europe/Paris', at('2026-12-06T00:30:00Z'))?.toISOString()).toBe('2026-12-07T00:00:00.000Z');
    // 02:30 does not exist in Paris on 2027-03-28; the day after it is 00:30 UTC again (summer time).
    expect(nextOccurrence('30 2 * * *', 'Europe/Paris', at('2027-03-28T12:00:00Z'))?.toISOString()).toBe('2027-03-29T00:30:00.000Z');
  });

  it('lists the occurrences in (from, to], keeping the newest when cut', () => {
    const list = occurrencesBetween('*/15 * * * *', 'UTC', at('2026-12-06T10:00:00Z'), at('2026-12-06T11:00:00Z'));
    expect(list.map((d) => d.toISOString().slice(11, 16))).toEqual(['10:15', '10:30', '10:45', '11:00']);
    const cut = occurrencesBetween('*/15 * * * *', 'UTC', at('2026-12-06T10:00:00Z'), at('2026-12-06T11:00:00Z'), 2);
    expect(cut.map((d) => d.toISOString().slice(11, 16))).toEqual(['10:45', '11:00']);
    expect(occurrencesBetween('0 3 * * *', 'UTC', at('2026-12-06T04:00:00Z'), at('2026-12-06T05:00:00Z'))).toEqual([]);
  });

  it('says what is wrong with an expression or a time zone', () => {
    expect(cronProblem('0 1 * * *', 'UTC')).toBeNull();
    expect(cronProblem('61 1 * * *', 'UTC')).toMatch(/is not a cron expression/);
    expect(cronProblem('0 1 * * *', 'Mars/Olympus')).toMatch(/is not a time zone/);
  });

  it('gives BullMQ the same fire times the console shows', () => {
    const from = at('2026-12-06T10:07:00Z').getTime();
    expect(cronRepeatStrategy(from, { pattern: '*/10 * * * *', tz: 'UTC' })).toBe(at('2026-12-06T10:10:00Z').getTime());
    expect(cronRepeatStrategy(from, {})).toBeUndefined();
    expect(shortestInterval('0 */6 * * *', 'UTC', at('2026-12-06T00:00:00Z'))).toBe(6 * 3600_000);
  });
});

describe('the schedule contract', () => {
  it('takes five-field cron (or an alias), not seconds', () => {
    expect(cronSchema.safeParse('0 1 * * *').success).toBe(true);
    expect(cronSchema.safeParse('@daily').success).toBe(true);
    expect(cronSchema.safeParse('*/2 * * * * *').error?.issues[0]?.message).toMatch(/five fields/);
  });

  it('defaults the time zone, catch-up and options of a backup schedule', () => {
    const parsed = createScheduleInput.parse({ kind: 'backup', name: 'nightly', cron: '0 1 * * *' });
    expect(parsed).toMatchObject({ timezone: 'UTC', enabled: true, catchUp: true, options: { checkpoint: 'fast' } });
    expect(createScheduleInput.safeParse({ kind: 'restore', name: 'x', cron: '0 1 * * *' }).success).toBe(false);
    expect(createScheduleInput.safeParse({ kind: 'backup', name: 'x', cron: '0 1 * * *', options: { name: 'fixed' } }).success).toBe(false);
  });
});
