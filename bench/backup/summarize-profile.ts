import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Self time per function from a V8 .cpuprofile (node --cpu-prof writes one per thread), so a
// profile can be read in the terminal: which functions the thread spent its samples in, and
// how long it sat idle waiting for work.
//
//   npx tsx bench/backup/summarize-profile.ts FILE.cpuprofile...

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export type ProfileEntry = { name: string; selfMs: number; share: number };
export type ProfileSummary = { file: string; totalMs: number; idleMs: number; top: ProfileEntry[] };

function frameName(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const url = frame.url.replace(/^file:\/\//, '');
  // Paths are shown from node_modules or the repository's own folders, never the machine's.
  const short =
    /\/(node_modules\/.*)$/.exec(url)?.[1] ??
    /\/((?:server|bench)\/.*)$/.exec(url)?.[1] ??
    path.basename(url);
  return `${name} ${short}:${frame.lineNumber + 1}`;
}

export async function summarizeProfile(file: string, topCount = 12): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const names = new Map(profile.nodes.map((n) => [n.id, frameName(n.callFrame)]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const name = names.get(id) ?? '(unknown)';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topCount)
    .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / totalMs }));
  return { file: path.basename(file), totalMs, idleMs: self.get('(idle)') ?? 0, top };
}

export function formatSummary(summary: ProfileSummary): string {
  const lines = summary.top.map(
    (e) => `  ${(e.share * 100).toFixed(1).padStart(5)}%  ${e.selfMs.toFixed(0).padStart(7)} ms  ${e.name}`,
  );
  const idle = ((summary.idleMs / summary.totalMs) * 100).toFixed(0);
  return [`${summary.file}: ${(summary.totalMs / 1000).toFixed(2)} s sampled, ${idle}% idle`, ...lines].join(
    '\n',
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) console.log(formatSummary(await summarizeProfile(file)));
}
