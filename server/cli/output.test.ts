import { describe, expect, it } from 'vitest';
import { renderBackupList } from './commands/backup-text';
import { bytes, createOutput, duration, facts, table } from './output';
import type { BackupListItem } from '../contracts/backups';

describe('CLI output', () => {
  it('pads columns to the widest cell and shows a missing value as -', () => {
    expect(
      table(
        ['name', 'size'],
        [
          ['demo', '1 B'],
          ['longer-name', null],
        ],
      ),
    ).toBe('name         size\ndemo         1 B\nlonger-name  -');
  });

  it('prints binary units and short durations', () => {
    expect([bytes(0), bytes(1023), bytes(1536), bytes(5 * 1024 ** 3)]).toEqual([
      '0 B',
      '1023 B',
      '1.5 KiB',
      '5.0 GiB',
    ]);
    expect([duration(1500), duration(75_000), duration(3_780_000)]).toEqual(['1.5s', '1m 15s', '1h 3m']);
  });

  it('aligns show-backup keys across groups', () => {
    expect(
      facts([
        ['A', [['Key', 1]]],
        ['B', [['Longer key', null]]],
      ]),
    ).toBe('A:\n  Key        : 1\n\nB:\n  Longer key : -');
  });

  it('emits the data itself in json mode and nothing from line()', () => {
    let written = '';
    const out = createOutput('json', (t) => (written += t));
    out.line('ignored');
    out.emit({ a: 1 }, () => 'console text');
    expect(JSON.parse(written)).toEqual({ a: 1 });
  });

  it('lists backups as Barman does: size with its WAL, keep and unfinished statuses', () => {
    const base = {
      backupId: '20261206T003541',
      name: null,
      type: 'full',
      status: 'DONE',
      endTime: '2026-12-06T00:35:42Z',
      size: 1024 * 1024,
      walSize: 1024 * 1024,
      keep: null,
      retentionStatus: 'VALID',
      walUntilNext: { segments: 1, size: 16 * 1024 * 1024 },
    } as unknown as BackupListItem;
    const lines = renderBackupList('demo', [
      { ...base, name: 'nightly', keep: 'standalone', retentionStatus: 'KEEP:STANDALONE' },
      { ...base, backupId: '20261205T003541', status: 'FAILED' },
    ]).split('\n');
    expect(lines[0]).toMatch(
      /^demo 20261206T003541 'nightly' - F - \w{3} Dec {1,2}\d+ \d\d:\d\d:\d\d 2026 - Size: 2\.0 MiB - WAL Size: 16\.0 MiB - KEEP:STANDALONE$/,
    );
    expect(lines[1]).toBe('demo 20261205T003541 - F - FAILED');
  });
});
