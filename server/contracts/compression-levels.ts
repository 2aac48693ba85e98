// Which compression levels each codec takes: one rule for the API, the console, the checks and
// the codecs themselves. lz4 (as Cellar runs it) and none take no level.

export type LevelledCodec = 'zstd' | 'gzip';
export const compressionLevelRanges: Record<LevelledCodec, readonly [number, number]> = { zstd: [-7, 22], gzip: [1, 9] };

const rules: Record<LevelledCodec, string> = { zstd: 'zstd levels are -7 to 22 (0: the default)', gzip: 'gzip levels are 1 to 9' };

/** Why `level` does not suit `codec`, or undefined when it does (no level always does). */
export function compressionLevelProblem(codec: 'none' | 'gzip' | 'lz4' | 'zstd', level: number | null | undefined): string | undefined {
  if (level === null || level === undefined) return undefined;
  if (codec === 'none' || codec === 'lz4') return `${codec} takes no compression level; leave the level empty.`;
  const [min, max] = compressionLevelRanges[codec];
  if (!Number.isInteger(level) || level < min || level > max) return `compression level ${level} is not valid for ${codec}: ${rules[codec]}.`;
  return undefined;
}
