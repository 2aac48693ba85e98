import type { StartBackupData } from '../contracts/backups';
import type { Server } from '../db/generated/client';
import type { Codec } from '../repository/codecs';

// A backup request's options with the server's settings filled in, resolved once when the
// backup starts and recorded with it.

export type ResolvedBackupOptions = {
  name: string | null;
  codec: Codec;
  level: number | null;
  checkpoint: 'fast' | 'spread';
  standalone: boolean;
  maxRateKbps: number | null;
  reuse: boolean;
};

export function resolveBackupOptions(server: Server, input: StartBackupData): ResolvedBackupOptions {
  const codec = input.compression ?? server.compression;
  // A level belongs to a codec: the server's level applies only to the server's codec.
  const level = input.compressionLevel !== undefined ? input.compressionLevel : codec === server.compression ? server.compressionLevel : null;
  return {
    name: input.name ?? null,
    codec,
    level: level ?? null,
    checkpoint: input.checkpoint,
    // Until WAL is archived for the server, only a standalone backup can ever become DONE.
    standalone: input.standalone ?? !(server.streamingArchiver || server.pushArchiver),
    maxRateKbps: input.maxRateKbps ?? null,
    reuse: input.reuse ?? server.reuseBackup,
  };
}
