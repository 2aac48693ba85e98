import { describe, expect, it } from 'vitest';
import { buildCreatePhysicalSlot, buildDropSlot, buildReadSlot, buildStartReplication, buildTimelineHistory, parseReadSlotRow, parseTimelineHistoryRow } from './replication-commands';

describe('replication commands', () => {
  it('builds the commands a receiver sends', () => {
    expect(buildStartReplication({ slotName: 'cellar', start: 0x1_2300_0000n, timeline: 3 })).toBe('START_REPLICATION SLOT "cellar" PHYSICAL 1/23000000 TIMELINE 3');
    expect(buildCreatePhysicalSlot('cellar_1')).toBe('CREATE_REPLICATION_SLOT "cellar_1" PHYSICAL RESERVE_WAL');
    expect(buildDropSlot('cellar')).toBe('DROP_REPLICATION_SLOT "cellar"');
    expect(buildReadSlot('cellar')).toBe('READ_REPLICATION_SLOT "cellar"');
    expect(buildTimelineHistory(2)).toBe('TIMELINE_HISTORY 2');
  });

  it('refuses what would not be a slot name or a timeline', () => {
    for (const bad of ['Cellar', 'a"b', 'x; DROP', '', 'a'.repeat(64)]) expect(() => buildDropSlot(bad)).toThrow(/not a replication slot name/);
    expect(() => buildTimelineHistory(0)).toThrow(/not a timeline/);
    expect(() => buildStartReplication({ slotName: 'cellar', start: 0n, timeline: 1.5 })).toThrow(/not a timeline/);
  });

  it('reads TIMELINE_HISTORY’s row, bytea decoded or not', () => {
    const content = '1\t0/300FAF8\tno recovery target specified\n';
    expect(parseTimelineHistoryRow({ filename: '00000002.history', content: Buffer.from(content) })).toEqual({ name: '00000002.history', content: Buffer.from(content) });
    expect(parseTimelineHistoryRow({ filename: '00000002.history', content }).content.toString()).toBe(content);
    expect(() => parseTimelineHistoryRow({ filename: '../etc/passwd', content })).toThrow(/TIMELINE_HISTORY/);
  });

  it('reads READ_REPLICATION_SLOT’s row, all nulls meaning no such slot', () => {
    expect(parseReadSlotRow({ slot_type: 'physical', restart_lsn: '0/1511A60', restart_tli: '1' })).toEqual({ exists: true, type: 'physical', restartLsn: 0x1511a60n, restartTimeline: 1 });
    expect(parseReadSlotRow({ slot_type: 'physical', restart_lsn: null, restart_tli: null })).toEqual({ exists: true, type: 'physical', restartLsn: null, restartTimeline: null });
    expect(parseReadSlotRow({ slot_type: null, restart_lsn: null, restart_tli: null })).toEqual({ exists: false });
    expect(() => parseReadSlotRow({ slot_type: 'physical', restart_lsn: 'nope', restart_tli: 1 })).toThrow(/READ_REPLICATION_SLOT/);
  });
});
