import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { BackupDetailView, BackupFilesPage, BackupListPage, BackupView } from '@/server/contracts/backups';
import { backupFilesUrl, backupListUrl, backupPath, type BackupListParams } from './backup-paths';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';

/** A backup still being taken changes by itself: refresh while one is on screen. */
const whileTaking = (backups: readonly Pick<BackupView, 'status'>[]) =>
  backups.some((b) => b.status === 'STARTED' || b.status === 'EMPTY') ? 3_000 : false;

/**
 * One page of the catalog, sorted and filtered by the server. The previous page stays on screen
 * while the next loads, so paging and sorting never blank the table.
 */
export function useBackupPage(server: string, params: BackupListParams) {
  return useQuery({
    queryKey: queryKeys.backupPage(server, params),
    queryFn: ({ signal }) => fetchJson<BackupListPage>(backupListUrl(server, params), { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => whileTaking(query.state.data?.backups ?? []) || 30_000,
  });
}

/** show-backup; `ref` is a backup id, a name or a shortcut such as "latest". */
export function useBackup(server: string, ref: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.backup(server, ref),
    queryFn: ({ signal }) => fetchJson<BackupDetailView>(backupPath(server, ref), { signal }),
    enabled: options.enabled ?? true,
    refetchInterval: (query) => whileTaking(query.state.data ? [query.state.data] : []),
  });
}

/** list-files, filtered on the server by a substring of the path. */
export function useBackupFiles(
  server: string,
  ref: string,
  search: string,
  options: { enabled: boolean; limit?: number },
) {
  const limit = options.limit ?? 200;
  return useInfiniteQuery({
    queryKey: [...queryKeys.backupFiles(server, ref, search.trim()), limit] as const,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<BackupFilesPage>(backupFilesUrl(server, ref, { search, cursor: pageParam, limit }), {
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled,
    // Typing a search must not blank the table between keystrokes.
    placeholderData: (previous) => previous,
  });
}
