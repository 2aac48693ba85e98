import { setTimeout as sleep } from 'node:timers/promises';
import { createTarParser, type TarEntryType, type TarParser } from '../repository/tar-stream';
import type { BaseBackupEvents } from './base-backup-events';

// Test support for BASE_BACKUP integration tests: collects what a streamer reports into tar
// entry lists (headers only, so memory stays bounded), so that one set of assertions covers
// both wire formats.

export type CollectedEntry = { path: string; type: TarEntryType; linkname: string; size: number };
export type CollectedArchive = {
  tablespaceOid: number | null;
  location: string | null;
  entries: CollectedEntry[];
  bytes: number;
  sawEndMarker: boolean;
};
export type CollectedBackup = {
  archives: CollectedArchive[];
  manifest: Buffer;
  progress: bigint[];
  backupLabel?: string;
};

export function collectBackup(): { events: BaseBackupEvents; finish(): Promise<CollectedBackup> } {
  const archives: CollectedArchive[] = [];
  const ended: Promise<void>[] = [];
  const manifest: Buffer[] = [];
  const progress: bigint[] = [];
  let parser: TarParser | undefined;
  let backupLabel: string | undefined;
  let chunks = 0;
  const endCurrent = () => {
    const [archive, current] = [archives.at(-1), parser];
    if (!archive || !current) return;
    ended.push(
      current.end().then((summary) => {
        archive.bytes = summary.bytes;
        archive.sawEndMarker = summary.sawEndMarker;
      }),
    );
  };
  const events: BaseBackupEvents = {
    onArchive(archive) {
      endCurrent();
      const collected: CollectedArchive = { ...archive, entries: [], bytes: 0, sawEndMarker: false };
      archives.push(collected);
      parser = createTarParser((header) => {
        collected.entries.push({
          path: header.path,
          type: header.type,
          linkname: header.linkname,
          size: header.size,
        });
        if (header.path !== 'backup_label') return undefined;
        const parts: Buffer[] = [];
        return {
          write: (chunk) => void parts.push(Buffer.from(chunk)),
          end: () => void (backupLabel = Buffer.concat(parts).toString('utf8')),
        };
      });
    },
    async onArchiveData(chunk) {
      if (!parser) throw new Error('archive data before onArchive');
      await parser.write(chunk);
      // A slow disk now and then, so the socket really is paused and resumed.
      if (++chunks % 200 === 0) await sleep(2);
    },
    onManifestData: (chunk) => void manifest.push(chunk),
    onProgress: (bytesDone) => void progress.push(bytesDone),
  };
  return {
    events,
    async finish() {
      endCurrent();
      await Promise.all(ended);
      return { archives, manifest: Buffer.concat(manifest), progress, backupLabel };
    },
  };
}
