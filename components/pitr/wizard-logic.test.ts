import { describe, expect, it } from 'vitest';
import type { RestorePlanView } from '@/server/contracts/recovery';
import { rateAndEta } from './run-rate';
import { resolveTarget } from './target-text';
import { stepBlockers } from './wizard-gates';
import { destinationProblems, initialState, type WizardState } from './wizard-state';

describe('throughput and time left', () => {
  it('measures over the last ten seconds and says nothing without progress', () => {
    expect(rateAndEta([], 100)).toEqual({ rate: null, etaMs: null });
    expect(
      rateAndEta(
        [
          { at: 0, done: 0 },
          { at: 1_000, done: 0 },
        ],
        100,
      ),
    ).toEqual({ rate: null, etaMs: null });
    const samples = [
      { at: 0, done: 0 },
      { at: 20_000, done: 1_000 },
      { at: 25_000, done: 6_000 },
      { at: 30_000, done: 11_000 },
    ];
    // The first sample is older than ten seconds: the rate is 1,000 bytes/s from 20 s on.
    expect(rateAndEta(samples, 21_000)).toEqual({ rate: 1_000, etaMs: 10_000 });
    expect(rateAndEta(samples, null)).toEqual({ rate: 1_000, etaMs: null });
  });
});

const plan = (ok: boolean) => ({ ok }) as RestorePlanView;

describe('what keeps the user on a step', () => {
  const base: WizardState = { ...initialState(null, 'http://cellar'), path: '/srv/restore' };
  const blockers = (
    state: WizardState,
    opts: { ok?: boolean; current?: boolean; canRestore?: boolean } = {},
  ) =>
    stepBlockers({
      target: resolveTarget(state.targetText, state.kindChoice, state.zone, []),
      plan: { data: plan(opts.ok ?? true), current: opts.current ?? true },
      state,
      problems: destinationProblems(state, []),
      canRestore: opts.canRestore ?? true,
    });

  it('waits for the plan and refuses an unreachable target', () => {
    expect(blockers(base).target).toBeNull();
    expect(blockers(base, { current: false }).target).toMatch(/Checking/);
    expect(blockers(base, { ok: false }).backup).toMatch(/not reachable/);
    expect(blockers({ ...base, targetText: 'abc', kindChoice: 'xid' }).target).toMatch(/whole number/);
  });

  it('asks for a path, a valid SSH target and, for operators, a confirmed host key', () => {
    expect(blockers({ ...base, path: '' }).destination).toBe('Give the data directory.');
    const ssh: WizardState = { ...base, destKind: 'ssh', sshTarget: 'postgres@db2' };
    expect(blockers(ssh).destination).toMatch(/confirm the host key/);
    expect(
      blockers({ ...ssh, sshVerified: { target: 'postgres@db2', fingerprint: `SHA256:${'x'.repeat(43)}` } }).destination,
    ).toBeNull();
    expect(
      blockers({ ...ssh, sshVerified: { target: 'postgres@db3', fingerprint: `SHA256:${'x'.repeat(43)}` } }).destination,
    ).toMatch(/confirm the host key/);
    expect(blockers(ssh, { canRestore: false }).destination).toBeNull();
    expect(blockers({ ...ssh, sshTarget: 'db2' }).destination).toMatch(/user@host/);
  });

  it('needs the get-wal fields, and an operator to restore', () => {
    expect(blockers({ ...base, walMode: 'get-wal', getWalTokenFile: '' }).options).toMatch(/./);
    expect(blockers({ ...base, walMode: 'get-wal', getWalTokenFile: '/etc/cellar/t' }).options).toBeNull();
    expect(blockers(base, { canRestore: false }).review).toBe('Only operators restore.');
  });
});
