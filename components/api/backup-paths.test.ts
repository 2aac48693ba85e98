import { describe, expect, it } from 'vitest';
import { backupFilesUrl, backupListUrl, backupPageHref, backupPath } from './backup-paths';

describe('backup API paths', () => {
  it('encodes names that a path would otherwise misread', () => {
    expect(backupPath('pg1', 'before upgrade: 15')).toBe('/api/servers/pg1/backups/before%20upgrade%3A%2015');
    expect(backupPageHref('pg1', '20261202T140501')).toBe('/servers/pg1/backups/20261202T140501');
  });

  it('leaves unset filters out of the list query', () => {
    expect(backupListUrl('pg1', { limit: 25 })).toBe('/api/servers/pg1/backups?limit=25');
    expect(backupListUrl('pg1', { status: 'FAILED', cursor: '20261202T140501', limit: 25 })).toBe(
      '/api/servers/pg1/backups?status=FAILED&cursor=20261202T140501&limit=25',
    );
  });

  it('trims the file search and drops it when blank', () => {
    expect(backupFilesUrl('pg1', 'latest', { search: '  ', limit: 200 })).toBe(
      '/api/servers/pg1/backups/latest/files?limit=200',
    );
    expect(backupFilesUrl('pg1', 'latest', { search: ' PG_VERSION ', cursor: 'base/1/PG_VERSION' })).toBe(
      '/api/servers/pg1/backups/latest/files?search=PG_VERSION&cursor=base%2F1%2FPG_VERSION',
    );
  });
});
