import { isDomainError } from '../../errors/domain-error';
import { describePgError } from '../../pg/describe-pg-error';

// Why a receiver session failed, in words a DBA can act on (shown in the console and the API).

export function describeReceiverError(error: unknown, slotName: string | null): string {
  if (isDomainError(error)) return error.message;
  const err = error as { code?: string; message?: string };
  const message = err.message ?? String(error);
  if (err.code === '58P01' && /has already been removed/.test(message))
    return `${message}: the server recycled WAL that Cellar had not received, so the archive has a gap from there. Reset the receiver to continue from the server's current position, then take a new backup.`;
  if (err.code === '42704' && slotName)
    return `${message}: create the slot (the receiver's "create slot" action) or turn create_slot on.`;
  if (err.code === '55000' && /invalidated|can no longer/.test(message))
    return `${message}: the slot lost WAL it should have kept. Drop and create the slot, reset the receiver, then take a new backup.`;
  if (/not in this server's history|forked from timeline/.test(message))
    return `${message}: the server's history no longer contains the position Cellar stopped at (restored to an earlier point?). Reset the receiver to follow the server's current timeline, then take a new backup.`;
  return describePgError(error, { replication: true });
}
