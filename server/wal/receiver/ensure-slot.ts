import type pg from 'pg';
import type { Server } from '../../db/generated/client';
import { DomainError } from '../../errors/domain-error';
import { buildCreatePhysicalSlot, buildReadSlot, parseReadSlotRow } from '../../pg/replication-commands';
import type { TimelinePosition } from './resume-point';

// Barman's create_slot: with it on, a missing slot is created when the receiver starts (auto);
// with it off, the DBA creates it (manual) and the receiver refuses to run without it, because
// streaming without a slot lets the server recycle WAL that Cellar has not received.

const duplicateObject = '42710';

/** Makes sure the slot exists; returns where it holds WAL from, when the server can tell (15+). */
export async function ensureSlot(client: pg.Client, server: Server, major: number, log: (message: string) => void): Promise<TimelinePosition | null> {
  const slotName = requireSlotName(server);
  if (major < 15) {
    // No READ_REPLICATION_SLOT before 15: a missing slot shows when streaming starts.
    if (server.createSlot) await createSlot(client, slotName).then((created) => created && log(`created replication slot '${slotName}'`));
    return null;
  }
  const slot = parseReadSlotRow((await client.query(buildReadSlot(slotName))).rows[0]);
  if (!slot.exists) {
    if (!server.createSlot) throw missingSlot(server, slotName);
    await createSlot(client, slotName);
    log(`created replication slot '${slotName}'`);
    return null;
  }
  if (slot.type !== 'physical') throw new DomainError('conflict', `Replication slot '${slotName}' on ${server.name} is a ${slot.type} slot; WAL streaming needs a physical one. Drop it, or choose another slot name.`);
  return slot.restartLsn === null ? null : { lsn: slot.restartLsn, timeline: slot.restartTimeline ?? 1 };
}

/** True when created, false when it already existed. */
export async function createSlot(client: pg.Client, slotName: string): Promise<boolean> {
  try {
    await client.query(buildCreatePhysicalSlot(slotName));
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === duplicateObject) return false;
    throw error;
  }
}

export function requireSlotName(server: Server): string {
  if (!server.slotName) throw new DomainError('conflict', `WAL streaming for ${server.name} needs a replication slot name: set slot_name in its settings.`);
  return server.slotName;
}

export function missingSlot(server: Server, slotName: string): DomainError {
  return new DomainError('conflict', `Replication slot '${slotName}' does not exist on ${server.name}. Create it (the receiver's "create slot" action, or SELECT pg_create_physical_replication_slot('${slotName}', true);), or turn create_slot on.`);
}
