'use client';

import { useState } from 'react';
import type { BackupDetailView, BackupFileView } from '@/server/contracts/backups';
import { useBackupFiles } from '@/components/api/use-backups';
import { formatCount } from '@/components/format/format-bytes';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { QueryView } from '@/components/ui/query-view';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { Bytes } from '@/components/ui/values';

/** list-files with a server-side search on the path; only a completed backup has files. */
export function BackupFiles({ backup }: { backup: BackupDetailView }) {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search, 300);
  const complete = backup.status === 'DONE' || backup.status === 'WAITING_FOR_WALS';
  const files = useBackupFiles(backup.serverName, backup.backupId, settled, { enabled: complete });
  if (!complete)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {backup.status === 'FAILED'
          ? 'A failed backup keeps no files.'
          : 'The file list appears once the backup has completed.'}
      </p>
    );
  return (
    <div className="space-y-3">
      <form role="search" aria-label="Search the backup's files" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Search files"
          type="search"
          className="max-w-md"
          placeholder="e.g. PG_VERSION or base/5"
          value={search}
          help="Matches any part of the path, ignoring case."
          onChange={(e) => setSearch(e.target.value)}
        />
      </form>
      <QueryView query={files} loading="Loading files…" errorTitle="The file list could not be loaded.">
        {(data) => {
          const list = data.pages.flatMap((p) => p.files);
          const total = data.pages[0]?.total ?? 0;
          if (!list.length)
            return (
              <EmptyState title={settled.trim() ? `No file path contains “${settled.trim()}”` : 'No files'}>
                {settled.trim() ? <p>Try a shorter or different part of the path.</p> : null}
              </EmptyState>
            );
          return (
            <>
              <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
                {settled.trim() ? `${formatCount(total)} matching files` : `${formatCount(total)} files`}
                {list.length < total ? `, ${formatCount(list.length)} shown` : ''}
                {files.isFetching && !files.isFetchingNextPage ? ' · searching…' : ''}
              </p>
              <FilesTable files={list} />
              {files.hasNextPage ? (
                <Button busy={files.isFetchingNextPage} onClick={() => void files.fetchNextPage()}>
                  Load more
                </Button>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}

function FilesTable({ files }: { files: BackupFileView[] }) {
  return (
    <Table>
      <caption className="sr-only">Files in this backup, in path order</caption>
      <thead>
        <tr>
          <Th>Path</Th>
          <Th className="text-right">Size</Th>
          <Th className="text-right">Stored</Th>
          <Th>Reused</Th>
          <Th>SHA-256</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {files.map((f) => (
          <tr key={f.path} className={rowClass}>
            <Td className="font-mono text-xs break-all">{f.path}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              <Bytes value={f.size} />
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              <Bytes value={f.storedSize} />
            </Td>
            <Td>{f.reused ? 'linked' : <span className="text-zinc-500 dark:text-zinc-400">—</span>}</Td>
            <Td className="font-mono text-xs whitespace-nowrap" title={f.checksum ?? 'Not in the manifest (WAL)'}>
              {f.checksum ? `${f.checksum.slice(0, 12)}…` : <span className="text-zinc-500 dark:text-zinc-400">—</span>}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
