import type { CheckResult, Probe } from '../types';
import { failed, ok, unreachableHint } from './result';

const name = 'replication slot';

// Barman's _check_replication_slot: only with slot_name set. With WAL streaming on, the slot must
// exist, be initialised (restart_lsn set) and be active; with streaming off an existing slot is
// only a warning, because it holds WAL on the server for nobody.
export function checkReplicationSlot(probe: Probe): CheckResult[] {
  const { slotName, streamingArchiver, createSlot } = probe.server;
  if (!slotName) return [];
  if (!probe.postgres.ok) return streamingArchiver ? [failed(name, unreachableHint)] : [];
  const slot = probe.postgres.value.slot;
  if (!streamingArchiver) {
    if (!slot || slot.restartLsn === null) return [];
    const state = slot.active ? 'active' : 'initialised';
    return [
      ok(
        name,
        `WARNING: slot '${slotName}' is ${state} but not required by the current config; it retains WAL on the server: drop it with SELECT pg_drop_replication_slot('${slotName}'); or turn WAL streaming on`,
      ),
    ];
  }
  if (!slot) {
    const todo = createSlot
      ? 'Cellar creates it when the WAL receiver starts (create_slot is on): is the WAL receiver running?'
      : `create it with SELECT pg_create_physical_replication_slot('${slotName}'); or turn create_slot on`;
    return [failed(name, `replication slot '${slotName}' doesn't exist. ${todo}`)];
  }
  if (slot.slotType !== 'physical')
    return [
      failed(
        name,
        `slot '${slotName}' is a ${slot.slotType} slot; WAL streaming needs a physical slot: drop it and let Cellar create a physical one`,
      ),
    ];
  if (slot.walStatus === 'lost')
    return [
      failed(
        name,
        `slot '${slotName}' lost WAL it should have kept (wal_status = lost): drop and recreate it, then take a new backup`,
      ),
    ];
  if (slot.restartLsn === null)
    return [failed(name, `slot '${slotName}' not initialised: is the Cellar WAL receiver running?`)];
  if (!slot.active)
    return [failed(name, `slot '${slotName}' not active: is the Cellar WAL receiver running?`)];
  return [ok(name)];
}
