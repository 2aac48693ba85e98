import { describe, expect, it } from 'vitest';
import type { ServerView } from '@/server/contracts/servers';
import { emptyForm, formFromServer, type FormState } from './form-state';
import { toCreateInput, toUpdateInput } from './to-payload';
import { validateCreate, validateUpdate } from './validate';

const filled = (changes: Partial<FormState>): FormState => ({
  ...emptyForm(),
  name: 'pg1',
  conninfo: 'host=db1',
  ...changes,
});

const stored: ServerView = {
  id: '0b6f2f34-52f8-4b0a-9b59-111111111111',
  name: 'pg1',
  description: 'main',
  conninfo: 'host=db1',
  hasPassword: true,
  streamingConninfo: null,
  hasStreamingPassword: false,
  sshTarget: null,
  hasSshKey: false,
  hasSshPassword: false,
  sshHostKey: null,
  backupMethod: 'postgres',
  compression: 'zstd',
  compressionLevel: null,
  walCompression: 'zstd',
  reuseBackup: true,
  retentionPolicy: 'REDUNDANCY 3',
  minimumRedundancy: 1,
  lastBackupMaximumAge: null,
  lastBackupMinimumSize: null,
  lastWalMaximumAge: null,
  slotName: null,
  createSlot: true,
  streamingArchiver: false,
  pushArchiver: false,
  enabled: true,
  systemId: null,
  pgVersion: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('toCreateInput', () => {
  it('trims text, sends empty optional text as null, numbers as numbers and leaves out empty secrets', () => {
    const input = toCreateInput(
      filled({ name: ' pg1 ', sshTarget: '  ', compressionLevel: '3', minimumRedundancy: '' }),
    );
    expect(input).toMatchObject({ name: 'pg1', sshTarget: null, compressionLevel: 3, minimumRedundancy: 0 });
    expect(input).not.toHaveProperty('password');
    expect(input).not.toHaveProperty('sshPrivateKey');
  });

  it('sends a typed secret as is (no trimming: spaces may belong to a password)', () => {
    expect(toCreateInput(filled({ password: { value: ' s3cret ', clear: false } })).password).toBe(
      ' s3cret ',
    );
  });
});

describe('toUpdateInput', () => {
  it('sends nothing when nothing changed', () => {
    const base = formFromServer(stored);
    expect(toUpdateInput(base, base)).toEqual({});
  });

  it('sends only the changed fields; a cleared text field becomes null', () => {
    const base = formFromServer(stored);
    expect(toUpdateInput({ ...base, retentionPolicy: '', description: 'replica' }, base)).toEqual({
      retentionPolicy: null,
      description: 'replica',
    });
  });

  it('leaves out an untouched secret, sends a new one, and null to clear', () => {
    const base = formFromServer(stored);
    expect(toUpdateInput({ ...base, password: { value: 'new', clear: false } }, base)).toEqual({
      password: 'new',
    });
    expect(toUpdateInput({ ...base, sshPassword: { value: '', clear: true } }, base)).toEqual({
      sshPassword: null,
    });
  });

  it('never sends enabled (it has its own button)', () => {
    const base = formFromServer(stored);
    expect(toUpdateInput({ ...base, enabled: false }, base)).toEqual({});
  });
});

describe('validation with the API schemas', () => {
  it('reports field and cross-field messages together, keyed like the API', () => {
    const { errors } = validateCreate(
      filled({ name: 'Bad Name', backupMethod: 'ssh', streamingArchiver: true, retentionPolicy: 'bogus' }),
    );
    expect(Object.keys(errors).sort()).toEqual(['name', 'retentionPolicy', 'slotName', 'sshTarget']);
  });

  it('accepts a complete server', () => {
    expect(
      validateCreate(
        filled({
          retentionPolicy: 'RECOVERY WINDOW OF 2 WEEKS',
          slotName: 'cellar',
          streamingArchiver: true,
        }),
      ).errors,
    ).toEqual({});
  });

  it('checks rules between fields on the server as it will be after the update', () => {
    const base = formFromServer(stored);
    expect(validateUpdate({ ...base, backupMethod: 'ssh' }, base).errors).toHaveProperty('sshTarget');
    expect(validateUpdate({ ...base, backupMethod: 'ssh', sshTarget: 'postgres@pg1' }, base).errors).toEqual(
      {},
    );
  });
});
