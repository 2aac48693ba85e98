// What a BASE_BACKUP streamer reports, whatever the server's wire format (PostgreSQL 13/14: one
// CopyOut per archive; 15+: one CopyOut of tagged messages).

export type BaseBackupEvents = {
  /** A new tar archive begins: the main data directory (oid null) or a user tablespace. */
  onArchive(archive: { tablespaceOid: number | null; location: string | null }): void;
  /**
   * Bytes of the current archive's tar stream: a view of the receive buffer, valid until the
   * returned promise settles (the socket stays paused until then: that is also the backpressure).
   * Without a promise, the bytes must be used before returning.
   */
  onArchiveData(chunk: Buffer): void | Promise<void>;
  /** Bytes of the backup_manifest, in order (a copy the receiver may keep). */
  onManifestData(chunk: Buffer): void;
  /** Archive bytes sent so far (PG 13/14 send no progress messages: they are counted). */
  onProgress(bytesDone: bigint): void;
  /** The tablespace list, as soon as it arrives (before the archives): its sizes give progress a total. */
  onTablespaces?(tablespaces: BackupTablespaceEntry[]): void;
};

export type BaseBackupPositions = {
  start: { lsn: bigint; timeline: number };
  end: { lsn: bigint; timeline: number };
  /** From the tablespace result set: size is the server's estimate in bytes (PROGRESS on), null without it. */
  tablespaces: { oid: number | null; location: string | null; sizeBytes: bigint | null }[];
};

export type BackupTablespaceEntry = BaseBackupPositions['tablespaces'][number];
