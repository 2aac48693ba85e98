import { describe, expect, it } from 'vitest';
import {
  BaseBackupCommandError,
  buildBaseBackupCommand,
  type BaseBackupCommandOptions,
} from './base-backup-command';

const base: BaseBackupCommandOptions = {
  label: 'cellar nightly',
  checkpoint: 'fast',
  wal: true,
  wait: false,
  manifestChecksums: 'SHA256',
  progress: true,
};

describe('buildBaseBackupCommand', () => {
  it.each([13, 14])('writes the keyword syntax for PostgreSQL %i', (major) => {
    expect(buildBaseBackupCommand(major, { ...base, maxRateKbps: 32768 })).toBe(
      "BASE_BACKUP LABEL 'cellar nightly' PROGRESS FAST WAL NOWAIT MANIFEST 'yes' MANIFEST_CHECKSUMS 'SHA256' MAX_RATE 32768",
    );
  });

  it('leaves out the keywords of options that are off', () => {
    expect(
      buildBaseBackupCommand(13, { ...base, checkpoint: 'spread', wal: false, wait: true, progress: false }),
    ).toBe("BASE_BACKUP LABEL 'cellar nightly' MANIFEST 'yes' MANIFEST_CHECKSUMS 'SHA256'");
  });

  it.each([15, 16, 17, 18])('writes the option list for PostgreSQL %i', (major) => {
    expect(buildBaseBackupCommand(major, { ...base, maxRateKbps: 32768 })).toBe(
      "BASE_BACKUP (LABEL 'cellar nightly', PROGRESS, CHECKPOINT 'fast', WAL true, WAIT false, MANIFEST 'yes', MANIFEST_CHECKSUMS 'SHA256', MAX_RATE 32768)",
    );
  });

  it('spells out false booleans and a spread checkpoint in the option list', () => {
    expect(
      buildBaseBackupCommand(15, { ...base, checkpoint: 'spread', wal: false, wait: true, progress: false }),
    ).toBe(
      "BASE_BACKUP (LABEL 'cellar nightly', CHECKPOINT 'spread', WAL false, WAIT true, MANIFEST 'yes', MANIFEST_CHECKSUMS 'SHA256')",
    );
  });

  it('doubles single quotes and keeps backslashes literal', () => {
    const label = String.raw`it's a \'test\'`;
    expect(buildBaseBackupCommand(14, { ...base, label })).toContain(String.raw`LABEL 'it''s a \''test\'''`);
    expect(buildBaseBackupCommand(18, { ...base, label })).toContain(
      String.raw`(LABEL 'it''s a \''test\''', `,
    );
  });

  it('refuses labels the server would cut short or that would forge backup_label lines', () => {
    expect(() => buildBaseBackupCommand(15, { ...base, label: 'a\0b' })).toThrow(/NUL byte/);
    expect(() => buildBaseBackupCommand(15, { ...base, label: 'a\nSTART TIMELINE: 9' })).toThrow(
      /line break/,
    );
    expect(() => buildBaseBackupCommand(13, { ...base, label: 'a\rb' })).toThrow(BaseBackupCommandError);
    expect(() => buildBaseBackupCommand(15, { ...base, label: 'é'.repeat(513) })).toThrow(
      /at most 1024 bytes \(this one is 1026\)/,
    );
    expect(buildBaseBackupCommand(15, { ...base, label: 'x'.repeat(1024) })).toContain('x'.repeat(1024));
  });

  it('accepts MAX_RATE at both ends of PostgreSQL range and nothing outside it', () => {
    expect(buildBaseBackupCommand(13, { ...base, maxRateKbps: 32 })).toMatch(/ MAX_RATE 32$/);
    expect(buildBaseBackupCommand(15, { ...base, maxRateKbps: 1_048_576 })).toMatch(/, MAX_RATE 1048576\)$/);
    for (const bad of [31, 1_048_577, 0, -32, 100.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => buildBaseBackupCommand(15, { ...base, maxRateKbps: bad })).toThrow(/from 32 to 1048576/);
  });

  it('refuses majors without backup manifests', () => {
    expect(() => buildBaseBackupCommand(12, base)).toThrow(/PostgreSQL 13 or newer \(got major 12\)/);
    expect(() => buildBaseBackupCommand(14.5, base)).toThrow(BaseBackupCommandError);
  });
});
