import { describe, expect, it } from 'vitest';
import { startBackupInput } from '../contracts/backups';
import type { Server } from '../db/generated/client';
import { resolveBackupOptions } from './backup-options';

const server = { compression: 'zstd', compressionLevel: 9, reuseBackup: true, streamingArchiver: false, pushArchiver: false } as Server;

describe('resolveBackupOptions', () => {
  it("fills in the server's settings", () => {
    expect(resolveBackupOptions(server, startBackupInput.parse({}))).toEqual({
      name: null,
      codec: 'zstd',
      level: 9,
      checkpoint: 'fast',
      standalone: true,
      maxRateKbps: null,
      reuse: true,
    });
  });

  it("drops the server's level when another codec is asked for", () => {
    expect(resolveBackupOptions(server, startBackupInput.parse({ compression: 'gzip' }))).toMatchObject({ codec: 'gzip', level: null });
    expect(resolveBackupOptions(server, startBackupInput.parse({ compression: 'gzip', compressionLevel: 1 }))).toMatchObject({ level: 1 });
  });

  it('waits for WAL by default only when the server archives it', () => {
    expect(resolveBackupOptions({ ...server, pushArchiver: true }, startBackupInput.parse({})).standalone).toBe(false);
    expect(resolveBackupOptions({ ...server, streamingArchiver: true }, startBackupInput.parse({ standalone: true })).standalone).toBe(true);
  });
});

describe('startBackupInput', () => {
  it.each([
    [{ name: '20261202T140501' }, /may not look like a backup id/],
    [{ name: 'latest' }, /reserved/],
    [{ name: '-x' }, /Start a backup name/],
    [{ maxRateKbps: 10 }, /at least 32/],
    [{ maxRateKbps: 2_000_000 }, /at most 1048576/],
    [{ checkpoint: 'slow' }, /fast|spread/],
    [{ surprise: 1 }, /surprise|Unrecognized/],
  ])('refuses %j with a message', (input, message) => {
    const result = startBackupInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});
