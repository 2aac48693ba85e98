import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { TimelineWindowView } from '@/server/contracts/recovery';
import { startRestoreInput } from '@/server/contracts/recovery';
// eslint-disable-next-line no-restricted-imports -- a test: the wizard's command line checked against the CLI's own options
import { recoveryCommands } from '@/server/cli/commands/recovery';
import { axisModel, timeTicks, zoomView } from './axis-model';
import { cliCommand, curlCommand, shellQuote } from './equivalent-call';
import { convertTimeText, detectKind, parseTimeText, resolveTarget } from './target-text';
import { destinationProblems, initialState, toStartInput, type WizardState } from './wizard-state';

/** The words a POSIX shell makes of a command line (the real sh, not a re-implementation). */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `set -- ${line}\nfor a in "$@"; do printf '%s\\0' "$a"; done`], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

describe('typed targets', () => {
  it('detects what was typed; an exact restore point name wins', () => {
    expect(detectKind('latest', [])).toBe('latest');
    expect(detectKind('IMMEDIATE', [])).toBe('immediate');
    expect(detectKind('0/3000060', [])).toBe('lsn');
    expect(detectKind('1234', [])).toBe('xid');
    expect(detectKind('1234', ['1234'])).toBe('name');
    expect(detectKind('2026-12-06 14:05', [])).toBe('time');
    expect(detectKind('before-upgrade', [])).toBe('name');
    expect(detectKind('  ', [])).toBeNull();
  });

  it('reads times in the chosen zone or with their own offset, keeping microseconds', () => {
    expect(parseTimeText('2026-12-06 14:05:03.123456', 'utc')).toEqual({
      ok: true,
      iso: '2026-12-06T14:05:03.123456+00:00',
    });
    expect(parseTimeText('2026-12-06T14:05:03Z', 'local')).toEqual({
      ok: true,
      iso: '2026-12-06T14:05:03+00:00',
    });
    expect(parseTimeText('2026-12-06 14:05 +0530', 'utc')).toEqual({
      ok: true,
      iso: '2026-12-06T14:05:00+05:30',
    });
    expect(parseTimeText('2026-12-06 14:05:03 UTC', 'local')).toEqual({
      ok: true,
      iso: '2026-12-06T14:05:03+00:00',
    });
    expect(parseTimeText('2026-02-30 10:00', 'utc')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not a valid date/) as string,
    });
    expect(parseTimeText('yesterday', 'utc')).toMatchObject({ ok: false });
    const local = parseTimeText('2026-12-06 14:05:03', 'local');
    expect(local.ok && Date.parse(local.iso)).toBe(new Date(2026, 11, 6, 14, 5, 3).getTime());
  });

  it('turns text into the API target or says why not', () => {
    expect(resolveTarget('2026-12-06 14:05:03', 'auto', 'utc', [])).toMatchObject({
      ok: true,
      target: { kind: 'time', time: '2026-12-06T14:05:03+00:00' },
    });
    expect(resolveTarget('0/16b3f28', 'auto', 'utc', [])).toMatchObject({
      ok: true,
      target: { kind: 'lsn', lsn: '0/16B3F28' },
    });
    expect(resolveTarget('abc', 'xid', 'utc', [])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/whole number/) as string,
    });
    expect(resolveTarget('2', 'xid', 'utc', [])).toMatchObject({ ok: false });
    expect(resolveTarget('x'.repeat(64), 'name', 'utc', [])).toMatchObject({ ok: false });
    expect(resolveTarget('anything', 'latest', 'utc', [])).toMatchObject({
      ok: true,
      target: { kind: 'latest' },
    });
  });

  it('keeps the moment, not the digits, when the zone changes', () => {
    const utcText = '2026-12-06 14:05:03.25';
    const local = convertTimeText(utcText, 'utc', 'local');
    const back = parseTimeText(local, 'local');
    expect(back.ok && Date.parse(back.iso)).toBe(Date.parse('2026-12-06T14:05:03.250Z'));
    expect(convertTimeText('2026-12-06 14:05:03Z', 'utc', 'local')).toBe('2026-12-06 14:05:03Z');
  });
});

const seg = (n: number, tl = 1) =>
  `${String(tl).padStart(8, '0')}00000000${n.toString(16).toUpperCase().padStart(8, '0')}`;

function window(): TimelineWindowView {
  const range = (backupId: string, from: number, to: number, t0: string, t1: string, lsn: string) => ({
    backupId,
    from: { lsn, time: t0, segment: seg(from) },
    to: { lsn: '0/0', time: t1, segment: seg(to), lastTransactionTime: t1 },
    earliestTime: t0,
    latestTime: t1,
    earliestLsn: lsn,
    latestLsn: '0/0',
    xids: null,
    indexed: true,
  });
  return {
    timeline: 2,
    history: [
      { timeline: 1, switchLsn: '0/6000000' },
      { timeline: 2, switchLsn: null },
    ],
    ranges: [
      range('20261206T100000', 2, 5, '2026-12-06T10:00:00Z', '2026-12-06T10:10:00Z', '0/2000100'),
      range('20261206T103000', 9, 12, '2026-12-06T10:30:00Z', '2026-12-06T10:40:00Z', '0/9000100'),
    ],
    gaps: [{ from: seg(6), to: seg(7), missing: 2 }],
    restorePoints: [
      {
        name: 'before-upgrade',
        lsn: '0/4000000',
        time: '2026-12-06T10:05:00Z',
        segment: seg(4),
        reachable: true,
      },
    ],
    backups: [
      {
        backupId: '20261206T100000',
        name: null,
        endLsn: '0/2000100',
        endTime: '2026-12-06T10:00:00Z',
        timeline: 1,
        usable: true,
        reason: null,
      },
      {
        backupId: '20261206T103000',
        name: 'nightly',
        endLsn: '0/9000100',
        endTime: '2026-12-06T10:30:00Z',
        timeline: 2,
        usable: true,
        reason: null,
      },
    ],
    activity: [{ from: '2026-12-06T10:00:00Z', to: '2026-12-06T10:20:00Z', transactions: 40 }],
  };
}

describe('the time axis', () => {
  it('places a gap between the ranges it cuts, and a switch between the points around its LSN', () => {
    const model = axisModel(window());
    expect(model?.gaps).toEqual([
      {
        from: Date.parse('2026-12-06T10:10:00Z'),
        to: Date.parse('2026-12-06T10:30:00Z'),
        label: `WAL missing: 2 segments (${seg(6)} to ${seg(7)})`,
      },
    ]);
    // 0/6000000 lies between the restore point (0/4000000, 10:05) and the second backup (0/9000100, 10:30).
    const at = model?.switches[0]?.at ?? 0;
    expect(model?.switches[0]).toMatchObject({ timeline: 2, exact: false, lsn: '0/6000000' });
    expect(at).toBeGreaterThan(Date.parse('2026-12-06T10:05:00Z'));
    expect(at).toBeLessThan(Date.parse('2026-12-06T10:30:00Z'));
    expect(model?.start).toBeLessThan(Date.parse('2026-12-06T10:00:00Z'));
    expect(model?.maxTransactions).toBe(40);
  });

  it('has nothing to draw for an empty timeline, round ticks, and zoom inside the bounds', () => {
    expect(axisModel({ ...window(), ranges: [], backups: [], restorePoints: [], activity: [] })).toBeNull();
    const { step, ticks } = timeTicks(0, 600_000, 600);
    expect(step).toBe(120_000);
    expect(ticks).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
    const view = zoomView({ start: 0, end: 1000_000 }, { start: 0, end: 1000_000 }, 0.5, 990_000);
    expect(view).toEqual({ start: 500_000, end: 1000_000 });
  });
});

describe('the equivalent calls', () => {
  const state: WizardState = {
    ...initialState(null, 'http://cellar:7480'),
    targetText: '2026-12-06 14:05:03.5',
    zone: 'utc',
    inclusive: false,
    action: 'promote',
    timeline: '2',
    destKind: 'ssh',
    sshTarget: 'postgres@db2:2222',
    sshVerified: { target: 'postgres@db2:2222', fingerprint: `SHA256:${'k'.repeat(43)}` },
    path: '/srv/pg/data dir',
    tablespaces: { '16390': '/srv/ts1', '16391': '' },
    overwrite: true,
    channels: 6,
  };
  const body = toStartInput(state, [], '20261206T100000');

  it('sends a body the API accepts, with only the tablespaces that move and the accepted host key', () => {
    expect(startRestoreInput.parse(body)).toMatchObject({
      backup: '20261206T100000',
      destination: { kind: 'ssh', target: 'postgres@db2:2222', hostKey: `SHA256:${'k'.repeat(43)}` },
      tablespaces: { '16390': '/srv/ts1' },
      channels: 6,
    });
    // A key accepted for another host is not this one's.
    const other = toStartInput({ ...state, sshVerified: { target: 'postgres@db3', fingerprint: `SHA256:${'k'.repeat(43)}` } }, [], '20261206T100000');
    expect(other?.destination).not.toHaveProperty('hostKey');
    expect(destinationProblems(state, [])).toEqual({});
    expect(destinationProblems({ ...state, path: "/srv/pg/it's" }, [])).toEqual({
      path: ['A path may not contain quotes, newlines or NUL.'],
    });
    expect(destinationProblems({ ...state, sshTarget: 'db2' }, [])).toEqual({
      sshTarget: ['Give the destination host as user@host or user@host:port.'],
    });
  });

  it('curl carries exactly that body through the shell', () => {
    if (!body) throw new Error('no body');
    const words = shellWords(curlCommand('http://cellar:7480', 'db1', body).replace(/^curl/, 'cellar'));
    expect(words[4]).toBe('http://cellar:7480/api/servers/db1/restores');
    expect(JSON.parse(words.at(-1) ?? '')).toEqual(body);
  });

  it('cellar restore takes the same request through its own options', () => {
    if (!body) throw new Error('no body');
    const words = shellWords(cliCommand('http://cellar:7480', 'db1', body));
    const restore = recoveryCommands.find((c) => c.name === 'restore');
    const { values, positionals } = parseArgs({
      args: words.slice(3),
      options: { url: { type: 'string' }, ...restore?.options },
      allowPositionals: true,
      strict: true,
    });
    expect(positionals).toEqual(['restore', 'db1', '20261206T100000', '/srv/pg/data dir']);
    expect(values).toMatchObject({
      'target-time': '2026-12-06T14:05:03.5+00:00',
      'target-tli': '2',
      exclusive: true,
      'target-action': 'promote',
      'remote-ssh-command': 'ssh -p 2222 postgres@db2',
      'ssh-host-key': `SHA256:${'k'.repeat(43)}`,
      tablespace: ['16390:/srv/ts1'],
      overwrite: true,
      jobs: '6',
    });
    expect(shellQuote("a'b")).toBe(`'a'\\''b'`);
  });
});
