import { z } from 'zod';
import { formatLsn, lsnTextSchema, type Lsn } from './lsn';
import { ReplicationMessageError } from './replication-messages';

// Commands of the streaming replication protocol that a WAL receiver sends, and the result rows
// it reads back ("Streaming Replication Protocol" in the PostgreSQL docs). The forms used work
// on PostgreSQL 13 to 18: CREATE_REPLICATION_SLOT's old (unparenthesised) option syntax is still
// accepted by 15+, and READ_REPLICATION_SLOT exists from 15 on only.

/** Slot names are [a-z0-9_] (PostgreSQL's own rule, and the registry's); quoting adds nothing. */
const slotNamePattern = /^[a-z0-9_]{1,63}$/;

function slot(name: string): string {
  if (!slotNamePattern.test(name))
    throw new ReplicationMessageError(`"${name.slice(0, 70)}" is not a replication slot name: use 1 to 63 lower-case letters, digits and underscores.`);
  return `"${name}"`;
}

function timeline(tli: number): string {
  if (!Number.isInteger(tli) || tli < 1 || tli > 0xffff_ffff) throw new ReplicationMessageError(`${tli} is not a timeline.`);
  return String(tli);
}

export function buildStartReplication(input: { slotName: string; start: Lsn; timeline: number }): string {
  return `START_REPLICATION SLOT ${slot(input.slotName)} PHYSICAL ${formatLsn(input.start)} TIMELINE ${timeline(input.timeline)}`;
}

/** RESERVE_WAL: the slot holds WAL from its creation on, before the receiver first connects. */
export function buildCreatePhysicalSlot(slotName: string): string {
  return `CREATE_REPLICATION_SLOT ${slot(slotName)} PHYSICAL RESERVE_WAL`;
}

export function buildDropSlot(slotName: string): string {
  return `DROP_REPLICATION_SLOT ${slot(slotName)}`;
}

export function buildReadSlot(slotName: string): string {
  return `READ_REPLICATION_SLOT ${slot(slotName)}`;
}

export function buildTimelineHistory(tli: number): string {
  return `TIMELINE_HISTORY ${timeline(tli)}`;
}

const historyRow = z.object({
  filename: z.string().regex(/^[0-9A-F]{8}\.history$/),
  // bytea: pg decodes it to a Buffer; a plain string when a type parser is not installed.
  content: z.union([z.instanceof(Buffer), z.string()]),
});
export type TimelineHistoryFile = { name: string; content: Buffer };

/** TIMELINE_HISTORY's one row: (filename text, content bytea). */
export function parseTimelineHistoryRow(row: unknown): TimelineHistoryFile {
  const parsed = historyRow.safeParse(row);
  if (!parsed.success) throw new ReplicationMessageError(`Unexpected TIMELINE_HISTORY result row (${parsed.error.issues[0]?.message ?? 'unknown shape'}).`);
  const { filename, content } = parsed.data;
  return { name: filename, content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content };
}

const slotRow = z.object({
  slot_type: z.string().nullable(),
  restart_lsn: lsnTextSchema.nullable(),
  restart_tli: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number).nullable(),
});
export type SlotPosition = { exists: false } | { exists: true; type: string; restartLsn: Lsn | null; restartTimeline: number | null };

/** READ_REPLICATION_SLOT: (slot_type, restart_lsn, restart_tli), all null when there is no such slot. */
export function parseReadSlotRow(row: unknown): SlotPosition {
  const parsed = slotRow.safeParse(row);
  if (!parsed.success) throw new ReplicationMessageError(`Unexpected READ_REPLICATION_SLOT result row (${parsed.error.issues[0]?.message ?? 'unknown shape'}).`);
  const { slot_type, restart_lsn, restart_tli } = parsed.data;
  if (slot_type === null) return { exists: false };
  return { exists: true, type: slot_type, restartLsn: restart_lsn, restartTimeline: restart_tli };
}
