// Help beside each field, in Barman's terms (its configuration option of the same meaning in
// parentheses) so a DBA coming from Barman recognises every setting.

export const help = {
  name: 'Lower-case letters, digits, "_" and "-", as a Barman server section name. Used in paths, the CLI and the API; it cannot be changed later.',
  description: 'Free text shown on the dashboard (Barman: description).',
  conninfo:
    'libpq connection string for SQL: checks and, with the ssh method, pg_backup_start/stop. E.g. "host=pg1 port=5432 user=cellar dbname=postgres". Leave the password out; use the field below (Barman: conninfo).',
  password:
    'Stored encrypted and never shown again. Leave empty when the server uses another authentication method (peer, cert, .pgpass on the host).',
  streamingConninfo:
    'Connection string for the replication protocol: streaming base backups and WAL streaming. The user needs the REPLICATION privilege. Empty: the conninfo above is used (Barman: streaming_conninfo).',
  sshTarget:
    'user@host or user@host:port of the PostgreSQL host. Needed by the ssh backup method and for restores to that host (Barman: ssh_command "ssh postgres@pg1").',
  sshPrivateKey:
    'Private key in OpenSSH or PEM format for the SSH target. Stored encrypted and never shown again.',
  sshPassword:
    'Only when the SSH target accepts passwords instead of keys. Stored encrypted and never shown again.',
  backupMethod:
    "postgres: Cellar streams the base backup over the replication protocol, like pg_basebackup. ssh: pg_backup_start over SQL, then copies PGDATA over SSH, like Barman's rsync method (Barman: backup_method).",
  compression:
    'How each backed-up file is compressed in the repository. zstd is the usual choice; lz4 is faster, gzip smaller on old CPUs (Barman: backup_compression).',
  compressionLevel:
    "Empty: the codec's default. zstd 1–22 (negative values are faster still), gzip 1–9, lz4 1–12 (Barman: backup_compression_level).",
  reuseBackup:
    'ssh method only: files unchanged since the previous backup are hard-linked instead of copied, saving space and time (Barman: reuse_backup = link).',
  retentionPolicy:
    'Which backups to keep: "REDUNDANCY 3" keeps the 3 newest; "RECOVERY WINDOW OF 2 WEEKS" keeps what is needed to recover to any point in the last 2 weeks (DAYS, WEEKS or MONTHS; a month is 31 days). Empty: keep everything (Barman: retention_policy).',
  minimumRedundancy:
    'Never delete backups below this number, whatever the retention policy says. 0: no minimum (Barman: minimum_redundancy).',
  lastBackupMaximumAge:
    'Checks fail when the newest backup is older than this, e.g. "1 day", "36 hours" or "2 weeks" (hours, days, weeks or months). Empty: no limit (Barman: last_backup_maximum_age).',
  lastBackupMinimumSize:
    'Checks fail when the newest backup is smaller than this, e.g. "1 Gi" or "500 M" (k, M, G, T are powers of 1000; Ki, Mi, Gi, Ti of 1024; case-sensitive) — catches backups of an empty cluster. Empty: no limit (Barman: last_backup_minimum_size).',
  lastWalMaximumAge:
    'Checks fail when the newest archived WAL is older than this, e.g. "1 hour" or "6 hours" — catches a stalled archiver. Empty: no limit (Barman: last_wal_maximum_age).',
  walCompression: 'How stored WAL segments are compressed (Barman: compression).',
  streamingArchiver:
    'Receive WAL continuously over the replication protocol, like pg_receivewal. Needs a replication slot so no WAL is removed while Cellar is away (Barman: streaming_archiver).',
  slotName:
    'Physical replication slot used for WAL streaming; lower-case letters, digits and "_" (Barman: slot_name).',
  createSlot: 'Create the slot on the server when it is missing (Barman: create_slot = auto).',
  pushArchiver:
    "Accept WAL pushed by archive_command on the PostgreSQL host (cellar-wal-archive with a WAL archive token), like Barman's barman-wal-archive (Barman: archiver).",
  enabled:
    'When disabled, Cellar takes no backups, receives no WAL and runs no scheduled checks for this server (Barman: active).',
} as const;
