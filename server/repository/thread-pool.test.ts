import { describe, expect, it } from 'vitest';
import { threadExecArgv } from './thread-pool';

describe('threadExecArgv', () => {
  it('drops the options that load modules, with their values, and keeps the rest', () => {
    const tsxCli = ['--require', '/app/node_modules/tsx/dist/preflight.cjs', '--import', 'file:///app/node_modules/tsx/dist/loader.mjs', '--eval', 'code'];
    expect(threadExecArgv(tsxCli)).toEqual([]);
    expect(threadExecArgv(['--import=tsx', '--cpu-prof', '--cpu-prof-dir', '/tmp/p', '--max-old-space-size=512', '-r', 'x.cjs'])).toEqual(['--cpu-prof', '--cpu-prof-dir', '/tmp/p', '--max-old-space-size=512']);
  });
});
