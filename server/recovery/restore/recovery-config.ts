import path from 'node:path';
import { settingLine } from '../recovery-settings';
import type { Destination } from './destination';

// What turns a restored data directory into one that recovers (PostgreSQL 12+): recovery.signal
// (or standby.signal), and the recovery settings appended to postgresql.auto.conf. As Barman does,
// settings that would fight ours are commented out in postgresql.conf and postgresql.auto.conf
// (with a #CELLAR# prefix, so it is plain what was changed): every other recovery_target*,
// restore_command, recovery_end_command, and archive_command unless the user keeps it — a
// restored copy archiving into the original's archive would corrupt it.

const marker = '#CELLAR# ';

export function commentOut(text: string, names: readonly RegExp[]): { text: string; changed: string[] } {
  const changed: string[] = [];
  const lines = text.split('\n').map((line) => {
    const name = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=?/.exec(line)?.[1];
    if (!name || !names.some((n) => n.test(name))) return line;
    changed.push(line.trim());
    return marker + line;
  });
  return { text: lines.join('\n'), changed };
}

export type RecoveryConfig = {
  settings: Record<string, string>;
  standby: boolean;
  keepArchiveCommand: boolean;
  header: string;
};

export async function writeRecoveryConfig(dest: Destination, dataDir: string, config: RecoveryConfig): Promise<{ commentedOut: string[]; signalFile: 'recovery.signal' | 'standby.signal' }> {
  const fighting = [/^recovery_target/i, /^restore_command$/i, /^recovery_end_command$/i, ...(config.keepArchiveCommand ? [] : [/^archive_command$/i])];
  const commentedOut: string[] = [];
  for (const name of ['postgresql.conf', 'postgresql.auto.conf']) {
    const file = path.posix.join(dataDir, name);
    const original = (await dest.read(file))?.toString('utf8');
    if (original === undefined) continue;
    const { text, changed } = commentOut(original, fighting);
    commentedOut.push(...changed.map((line) => `${name}: ${line}`));
    if (name === 'postgresql.conf' && changed.length === 0) continue;
    const settings = name === 'postgresql.auto.conf' ? appendBlock(text, config) : text;
    await dest.write(file, Buffer.from(settings), 0o600);
  }
  if (!(await dest.read(path.posix.join(dataDir, 'postgresql.auto.conf')))) await dest.write(path.posix.join(dataDir, 'postgresql.auto.conf'), Buffer.from(appendBlock('', config)), 0o600);
  const signalFile = config.standby ? 'standby.signal' : 'recovery.signal';
  await dest.write(path.posix.join(dataDir, signalFile), Buffer.alloc(0), 0o600);
  return { commentedOut, signalFile };
}

function appendBlock(text: string, config: RecoveryConfig): string {
  const settings = { ...config.settings, ...(config.keepArchiveCommand ? {} : { archive_command: 'false' }) };
  const block = [`# ${config.header}`, ...Object.entries(settings).map(([name, value]) => settingLine(name, value))];
  return `${text.replace(/\n*$/, '\n')}${block.join('\n')}\n`;
}
