import { describe, expect, it } from 'vitest';
import { parseLsn } from '../pg/lsn';
import { recoverySettings, settingLine } from './recovery-settings';
import { commentOut } from './restore/recovery-config';
import { onChain, parseTimelineHistory, timelineChain, timelineForSegment } from './timeline-history';

const mib16 = 16 * 1024 * 1024;

describe('timeline history', () => {
  const history = parseTimelineHistory('1\t0/5000060\tno recovery target specified\n\n2\t0/9000000\tat restore point "x"\n');
  const chain = timelineChain(3, history);

  it('follows the chain oldest first, each timeline from its parent switch point', () => {
    expect(chain).toEqual([
      { timeline: 1, begin: 0n, end: parseLsn('0/5000060') },
      { timeline: 2, begin: parseLsn('0/5000060'), end: parseLsn('0/9000000') },
      { timeline: 3, begin: parseLsn('0/9000000'), end: null },
    ]);
  });

  it('reads the segment holding a switch point from the new timeline', () => {
    expect(timelineForSegment(chain, 4n, mib16)).toBe(1);
    expect(timelineForSegment(chain, 5n, mib16)).toBe(2);
    expect(timelineForSegment(chain, 9n, mib16)).toBe(3);
  });

  it('knows WAL of a timeline written after it was left is not on the chain', () => {
    expect(onChain(chain, 1, parseLsn('0/5000000'))).toBe(true);
    expect(onChain(chain, 1, parseLsn('0/6000000'))).toBe(false);
  });

  it('refuses a line that is not history', () => {
    expect(() => parseTimelineHistory('garbage')).toThrow(/not a timeline history line/);
  });
});

describe('recovery settings', () => {
  it('writes one target, exclusive only where it applies, and the action', () => {
    expect(recoverySettings({ target: { kind: 'xid', xid: '42' }, timeline: 'latest', inclusive: false, action: 'promote' })).toEqual({
      recovery_target_xid: '42',
      recovery_target_inclusive: 'false',
      recovery_target_timeline: 'latest',
      recovery_target_action: 'promote',
    });
    expect(recoverySettings({ target: { kind: 'name', name: 'n' }, timeline: 2, inclusive: false, action: 'pause' })).toEqual({ recovery_target_name: 'n', recovery_target_timeline: '2', recovery_target_action: 'pause' });
    expect(recoverySettings({ target: { kind: 'latest' }, timeline: 'current', inclusive: true, action: 'pause' })).toEqual({ recovery_target_timeline: 'current' });
  });

  it('quotes values and comments out settings that would fight the restore', () => {
    expect(settingLine('restore_command', "cp '/a'/%f %p")).toBe("restore_command = 'cp ''/a''/%f %p'");
    const { text, changed } = commentOut("archive_command = 'x'\nrecovery_target_time = 'y'\nwork_mem = '4MB'", [/^archive_command$/, /^recovery_target/]);
    expect(text).toBe("#CELLAR# archive_command = 'x'\n#CELLAR# recovery_target_time = 'y'\nwork_mem = '4MB'");
    expect(changed).toHaveLength(2);
  });
});
