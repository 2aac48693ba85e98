import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BackupDetailView,
  BackupView,
  KeepTarget,
  StartBackupInput,
  StartBackupsInput,
} from '@/server/contracts/backups';
import type { RunView } from '@/server/contracts/runs';
import { backupPath, backupsPath } from './backup-paths';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

export type StartBackupsResult = { started: RunView[]; skipped: { server: string; reason: string }[] };

export function useStartBackup(server: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartBackupInput) =>
      fetchJson<{ run: RunView }>(backupsPath(server), { method: 'POST', body: input }).then((r) => r.run),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.runs }),
        client.invalidateQueries({ queryKey: queryKeys.backups(server) }),
      ]);
    },
  });
}

/** "Back up all": every enabled server gets its own run; the others are reported as skipped. */
export function useStartBackups() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: StartBackupsInput) =>
      fetchJson<StartBackupsResult>('/api/backups', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.runs }),
  });
}

export function useVerifyBackup(server: string, ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<{ run: RunView }>(`${backupPath(server, ref)}/verify`, { method: 'POST' }).then((r) => r.run),
    onSuccess: (run) => {
      client.setQueryData(queryKeys.run(run.id), run);
      return client.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

/** Keep with a target, or release with `null` (Barman's keep --release). */
export function useKeepBackup(server: string, ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (target: KeepTarget | null) =>
      target === null
        ? fetchJson<BackupView>(`${backupPath(server, ref)}/keep`, { method: 'DELETE' })
        : fetchJson<BackupView>(`${backupPath(server, ref)}/keep`, { method: 'PUT', body: { target } }),
    onSuccess: (view) => {
      client.setQueryData<BackupDetailView>(queryKeys.backup(server, ref), (old) =>
        old ? { ...old, ...view } : old,
      );
      return client.invalidateQueries({ queryKey: queryKeys.backups(server) });
    },
  });
}

export function useDeleteBackup(server: string, ref: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<{ ok: true }>(backupPath(server, ref), { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...queryKeys.backups(server), 'list'] }),
  });
}

/**
 * Drops a deleted backup from the cache. Call it only once the page showing it has stopped
 * querying it (useBackup's `enabled`), or that page asks again at once and gets a 404.
 */
export function useForgetBackup(server: string, ref: string) {
  const client = useQueryClient();
  return () => {
    client.removeQueries({ queryKey: queryKeys.backup(server, ref) });
    client.removeQueries({ queryKey: [...queryKeys.backups(server), 'files', ref] });
  };
}

/** After a backup or verify run ends: the catalog and the run lists are stale. */
export function useRefreshBackups(server: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.backups(server) }),
      client.invalidateQueries({ queryKey: queryKeys.runs }),
    ]);
}
