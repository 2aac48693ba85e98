import { walSegmentName } from '../../../server/pg/wal-name';
import type { BackupPlan } from './backup-history';
import type { CheckReportPlan } from './check-history';
import type { Cell, Column } from './bulk-insert';
import type { ServerPlan } from './fleet-plan';
import { fakeChecksum, type Random } from './random';
import { segmentBytes, type WalHistory } from './wal-history';

// Catalog rows for one server: the server, its WAL archive, restore points, backups and their
// runs and logs, check reports and their results. Column lists follow the migrations.

export type TableRows = { table: string; columns: Column[]; rows: Cell[][] };

const c = (name: string, type: Column['type'], cast?: string): Column => ({ name, type, cast });

export function serverRow(plan: ServerPlan, createdMs: number): TableRows {
  const columns = [
    c('id', 'uuid'), c('name', 'text'), c('description', 'text'), c('conninfo', 'text'), c('backup_method', 'text', '"BackupMethod"'),
    c('compression', 'text', '"Compression"'), c('wal_compression', 'text', '"Compression"'), c('retention_policy', 'text'), c('minimum_redundancy', 'int4'),
    c('last_backup_maximum_age', 'text'), c('last_wal_maximum_age', 'text'), c('slot_name', 'text'), c('streaming_archiver', 'bool'), c('push_archiver', 'bool'),
    c('enabled', 'bool'), c('system_id', 'text'), c('pg_version', 'int4'), c('created_at', 'timestamptz'), c('updated_at', 'timestamptz'),
  ];
  // A port nothing listens on: the console's live status must say "unreachable", quickly.
  const conninfo = `host=127.0.0.1 port=1 user=cellar dbname=postgres application_name=${plan.name}`;
  const row: Cell[] = [
    plan.id, plan.name, plan.description, conninfo, 'postgres', plan.compression, plan.compression, plan.retentionPolicy, plan.minimumRedundancy,
    plan.lastBackupMaximumAge, plan.lastWalMaximumAge, plan.streaming ? 'cellar' : null, plan.streaming, plan.push,
    plan.enabled, plan.systemId, plan.pgVersion, new Date(createdMs), new Date(createdMs),
  ];
  return { table: 'servers', columns, rows: [row] };
}

const walColumns = [
  c('server_id', 'uuid'), c('name', 'text'), c('kind', 'text', '"WalFileKind"'), c('timeline', 'int4'), c('segno', 'int8'), c('size', 'int8'),
  c('stored_size', 'int8'), c('codec', 'text', '"Compression"'), c('checksum', 'text'), c('source', 'text'), c('archived_at', 'timestamptz'),
  c('first_commit', 'timestamptz'), c('last_commit', 'timestamptz'), c('first_xid', 'int8'), c('last_xid', 'int8'), c('commits', 'int4'),
  c('aborts', 'int4'), c('indexed_at', 'timestamptz'),
];

export function walRows(plan: ServerPlan, wal: WalHistory, random: Random): TableRows {
  const rows: Cell[][] = [];
  const source = plan.streaming ? 'streaming' : 'push';
  const ratio = plan.compression === 'none' ? 1 : plan.compression === 'zstd' ? 0.3 : 0.42;
  let xid = random.int(1_000_000, 90_000_000);
  for (const s of wal.segments) {
    const commits = random.int(200, 40_000);
    const aborts = random.int(0, Math.ceil(commits / 200));
    const archivedAt = s.endMs + random.between(80, source === 'push' ? 3_000 : 400);
    const spread = s.endMs - s.startMs;
    rows.push([
      plan.id, walSegmentName({ timeline: s.timeline, segno: BigInt(s.segno) }), 'segment', s.timeline, s.segno, segmentBytes,
      Math.round(segmentBytes * ratio * random.between(0.5, 1.2)), plan.compression, random.hex(32), source, new Date(archivedAt),
      new Date(s.startMs + spread * 0.01), new Date(s.endMs - spread * 0.01), xid, xid + commits + aborts - 1, commits, aborts,
      new Date(archivedAt + random.between(200, 2_000)),
    ]);
    xid += commits + aborts;
  }
  for (const sw of wal.switches) {
    const name = `${sw.timeline.toString(16).toUpperCase().padStart(8, '0')}.history`;
    rows.push([plan.id, name, 'history', sw.timeline, -1, 42 * sw.timeline, 42 * sw.timeline, 'none', fakeChecksum(name + plan.id), source, new Date(sw.atMs + 2_000), null, null, null, null, null, null, null]);
  }
  return { table: 'wal_segments', columns: walColumns, rows };
}

export function restorePointRows(plan: ServerPlan, wal: WalHistory, random: Random, fromMs: number, toMs: number): TableRows {
  const columns = [c('server_id', 'uuid'), c('name', 'text'), c('timeline', 'int4'), c('lsn', 'text'), c('time', 'timestamptz'), c('segment', 'text')];
  const rows: Cell[][] = [];
  const labels = ['before-release', 'pre-migration', 'before-vacuum-full', 'before-reindex', 'end-of-month'];
  // A quiet archive can put two restore points at one position: the catalog keeps one per LSN.
  const seen = new Set<string>();
  for (let t = fromMs + random.between(1, 7) * 86_400_000; t < toMs && wal.segments.length; t += random.between(4, 10) * 86_400_000) {
    const at = wal.locate(t);
    const day = new Date(t).toISOString().slice(0, 10);
    if (seen.has(`${at.timeline}/${at.lsn}`)) continue;
    seen.add(`${at.timeline}/${at.lsn}`);
    rows.push([plan.id, `${random.pick(labels)}-${day}`, at.timeline, at.lsn, new Date(t), at.name]);
  }
  return { table: 'restore_points', columns, rows };
}

export function checkRows(plan: ServerPlan, reports: readonly CheckReportPlan[]): TableRows[] {
  const reportColumns = [c('id', 'uuid'), c('server_id', 'uuid'), c('run_id', 'uuid'), c('ok', 'bool'), c('duration_ms', 'int4'), c('checked_at', 'timestamptz')];
  const resultColumns = [c('report_id', 'uuid'), c('position', 'int4'), c('name', 'text'), c('status', 'text', '"CheckStatus"'), c('hint', 'text'), c('perfdata', 'text', 'jsonb')];
  const reportRows: Cell[][] = [];
  const resultRows: Cell[][] = [];
  for (const r of reports) {
    const ok = r.results.every((x) => x.status === 'OK');
    reportRows.push([r.id, plan.id, r.runId, ok, r.durationMs, new Date(r.atMs)]);
    r.results.forEach((x, i) => resultRows.push([r.id, i, x.name, x.status, x.hint ?? null, x.perfdata ? JSON.stringify(x.perfdata) : null]));
  }
  return [
    { table: 'check_reports', columns: reportColumns, rows: reportRows },
    { table: 'check_results', columns: resultColumns, rows: resultRows },
  ];
}

export const backupColumns = [
  c('id', 'uuid'), c('server_id', 'uuid'), c('backup_id', 'text'), c('name', 'text'), c('status', 'text', '"BackupStatus"'), c('method', 'text', '"BackupMethod"'),
  c('compression', 'text', '"Compression"'), c('standalone', 'bool'), c('keep', 'text'), c('timeline', 'int4'), c('begin_lsn', 'text'), c('end_lsn', 'text'),
  c('begin_wal', 'text'), c('end_wal', 'text'), c('begin_time', 'timestamptz'), c('end_time', 'timestamptz'), c('size', 'int8'), c('stored_size', 'int8'),
  c('deduplicated_size', 'int8'), c('cluster_size', 'int8'), c('pg_version', 'int4'), c('system_id', 'text'), c('error', 'text'), c('run_id', 'uuid'),
  c('created_at', 'timestamptz'), c('checkpoint', 'text'), c('file_count', 'int4'), c('copy_ms', 'int4'), c('reused_from', 'text'), c('reused_files', 'int4'),
  c('wal_segment_size', 'int4'), c('data_checksums', 'bool'), c('verified_at', 'timestamptz'), c('verify_status', 'text'),
];

export function backupRows(plan: ServerPlan, backups: readonly BackupPlan[]): TableRows {
  const rows = backups.map((b): Cell[] => {
    const complete = b.status === 'DONE' || b.status === 'WAITING_FOR_WALS';
    const sized = complete ? [b.size, b.storedSize, b.deduplicatedSize] : [null, null, null];
    return [
      b.id, plan.id, b.backupId, b.name, b.status, 'postgres', plan.compression, false, b.keep, b.timeline, b.beginLsn, b.endLsn,
      b.beginWal, b.endWal, new Date(b.beginMs), complete && b.endMs ? new Date(b.endMs) : null, ...sized, b.clusterSize, plan.pgVersion,
      plan.systemId, b.error, b.runId, new Date(b.beginMs - 2_000), 'fast', complete ? b.fileCount : null, b.copyMs, b.reusedFrom,
      b.reusedFiles, segmentBytes, plan.pgVersion >= 180000, b.verified && b.endMs ? new Date(b.endMs + 3 * 3_600_000) : null, b.verified,
    ];
  });
  return { table: 'backups', columns: backupColumns, rows };
}
