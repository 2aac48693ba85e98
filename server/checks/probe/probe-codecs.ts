import { gunzipSync, gzipSync } from 'node:zlib';
import type { CodecFacts, CodecName } from '../types';

// Load every codec for real and round-trip a sample: a native module that fails to load (wrong
// platform, skipped install script) is caught here, not in the middle of a backup.

const sample = Buffer.from('cellar compression check '.repeat(64));

const roundTrips: Record<CodecName, () => Promise<Buffer>> = {
  gzip: () => Promise.resolve(gunzipSync(gzipSync(sample))),
  zstd: async () => {
    const zstd = await import('zstd-napi');
    return zstd.decompress(zstd.compress(sample));
  },
  lz4: async () => {
    const lz4 = await import('lz4-napi');
    return lz4.decompressFrameSync(lz4.compressFrameSync(sample));
  },
};

export async function probeCodecs(): Promise<CodecFacts> {
  const entries = await Promise.all(
    (Object.keys(roundTrips) as CodecName[]).map(async (name) => {
      try {
        const back = await roundTrips[name]();
        return [
          name,
          back.equals(sample)
            ? { ok: true as const }
            : { ok: false as const, error: 'the round trip returned different bytes' },
        ] as const;
      } catch (error) {
        return [
          name,
          { ok: false as const, error: error instanceof Error ? error.message : String(error) },
        ] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as CodecFacts;
}
