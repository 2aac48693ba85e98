import { describe, expect, it } from 'vitest';
import type { ServerView } from '@/server/contracts/servers';
import { defaultBackupForm, levelForCodec, toStartBackupInput } from './start-backup-form-state';

const server = {
  compression: 'zstd',
  compressionLevel: 3,
  streamingArchiver: false,
  pushArchiver: false,
  reuseBackup: true,
} as ServerView;

describe('defaultBackupForm', () => {
  it("starts from the server's settings", () => {
    expect(defaultBackupForm(server)).toMatchObject({
      compression: 'zstd',
      compressionLevel: '3',
      checkpoint: 'fast',
      standalone: true,
      reuse: true,
    });
    expect(defaultBackupForm({ ...server, pushArchiver: true }).standalone).toBe(false);
  });

  it("brings the server's level back only with the server's codec", () => {
    expect(levelForCodec(server, 'gzip')).toBe('');
    expect(levelForCodec(server, 'zstd')).toBe('3');
  });
});

describe('toStartBackupInput', () => {
  const form = defaultBackupForm(server);

  it('sends every option explicitly, empty numbers as null', () => {
    expect(toStartBackupInput({ ...form, compressionLevel: '' })).toEqual({
      input: {
        compression: 'zstd',
        compressionLevel: null,
        checkpoint: 'fast',
        standalone: true,
        maxRateKbps: null,
        reuse: true,
      },
      errors: {},
    });
    expect(toStartBackupInput({ ...form, name: ' nightly ', maxRateKbps: '2048' }).input).toMatchObject({
      name: 'nightly',
      maxRateKbps: 2048,
      compressionLevel: 3,
    });
  });

  it("checks the level against the codec's range, and drops it for a codec without levels", () => {
    expect(toStartBackupInput({ ...form, compression: 'gzip', compressionLevel: '15' }).errors).toEqual({
      compressionLevel: ['gzip levels are 1 to 9.'],
    });
    expect(
      toStartBackupInput({ ...form, compression: 'lz4', compressionLevel: '15' }).input.compressionLevel,
    ).toBeNull();
  });

  it("puts the API schema's messages and malformed numbers beside their fields", () => {
    const { errors } = toStartBackupInput({
      ...form,
      name: 'latest',
      maxRateKbps: '10',
      compressionLevel: 'x',
    });
    expect(Object.keys(errors).sort()).toEqual(['compressionLevel', 'maxRateKbps', 'name']);
    expect(errors.maxRateKbps?.[0]).toMatch(/at least 32 kB\/s/);
    expect(errors.name?.[0]).toMatch(/reserved/);
  });
});
