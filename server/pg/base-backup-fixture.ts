import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { createTarParser, type TarEntryType, type TarParser } from '../repository/tar-stream';
import type { BaseBackupEvents, BaseBackupPositions } from './base-backup-events';
import { createOrderedCallbacks } from './ordered-callbacks';
import { parseBackupPositionRow, parseBaseBackupMessage, parseTablespaceRow } from './replication-messages';

// Test support for BASE_BACKUP integration tests: collects what a streamer reports into tar
// entry lists (headers only, so memory stays bounded), and a minimal PostgreSQL 15+ streamer
// with the same events so that one set of assertions covers both wire formats.

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

type Conn = {
  on(event: 'copyData', listener: (msg: { chunk: Buffer }) => void): void;
  removeListener(event: 'copyData', listener: (msg: { chunk: Buffer }) => void): void;
  stream: { pause(): void; resume(): void; destroy(): void };
};

/** PostgreSQL 15+ (tagged CopyData in one CopyOut) reported through BaseBackupEvents; archive names give the oid. */
export async function streamModernBaseBackupForTest(
  client: pg.Client,
  command: string,
  events: BaseBackupEvents,
): Promise<BaseBackupPositions> {
  const conn = (client as unknown as { connection: Conn }).connection;
  const callbacks = createOrderedCallbacks({
    pause: () => conn.stream.pause(),
    resume: () => conn.stream.resume(),
    onFailure: () => conn.stream.destroy(),
  });
  let inManifest = false;
  const onCopyData = (msg: { chunk: Buffer }) => {
    const message = parseBaseBackupMessage(Buffer.from(msg.chunk));
    if (message.type === 'new-archive') {
      const oid = /^(\d+)\.tar$/.exec(message.archiveName)?.[1];
      const archive = {
        tablespaceOid: oid === undefined ? null : Number(oid),
        location: message.tablespaceLocation || null,
      };
      callbacks.run(() => events.onArchive(archive));
    } else if (message.type === 'manifest') inManifest = true;
    else if (message.type === 'progress') callbacks.run(() => events.onProgress(message.bytesDone));
    else if (inManifest) callbacks.run(() => events.onManifestData(message.data));
    else callbacks.run(() => events.onArchiveData(message.data));
  };
  conn.on('copyData', onCopyData);
  try {
    const results = (await client.query(command)) as unknown as pg.QueryResult[];
    await callbacks.drained();
    const positions = results.filter((r) => r.fields.some((f) => f.name === 'recptr'));
    const tablespaceRows = results.find((r) => r.fields.some((f) => f.name === 'spcoid'))?.rows ?? [];
    return {
      start: parseBackupPositionRow(positions[0]?.rows[0]),
      end: parseBackupPositionRow(positions.at(-1)?.rows[0]),
      tablespaces: tablespaceRows.map((row) => {
        const t = parseTablespaceRow(row);
        return {
          oid: t.oid,
          location: t.location,
          sizeBytes: t.sizeKiB === null ? null : BigInt(t.sizeKiB) * 1024n,
        };
      }),
    };
  } finally {
    conn.removeListener('copyData', onCopyData);
  }
}
