import type { StartRestoreInput } from '@/server/contracts/recovery';

// The restore the wizard is about to start, as a curl call of the API and as `cellar restore`
// with Barman's options, so it can be scripted, reviewed by a colleague, or run by an operator.

/** POSIX shell quoting: plain words stay bare, anything else in single quotes. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(origin: string, server: string, body: StartRestoreInput): string {
  return [
    `curl --fail-with-body -X POST ${shellQuote(`${origin}/api/servers/${encodeURIComponent(server)}/restores`)}`,
    `  -H "authorization: Bearer $CELLAR_TOKEN"`,
    `  -H 'content-type: application/json'`,
    `  --data ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n');
}

function targetOptions(target: StartRestoreInput['target']): string[] {
  switch (target.kind) {
    case 'time':
      return ['--target-time', target.time];
    case 'xid':
      return ['--target-xid', String(target.xid)];
    case 'lsn':
      return ['--target-lsn', target.lsn];
    case 'name':
      return ['--target-name', target.name];
    case 'immediate':
      return ['--target-immediate'];
    case 'latest':
      return [];
  }
}

/** `user@host:port` as Barman's --remote-ssh-command. */
function remoteSshCommand(target: string): string {
  const m = /^(.+@[^:]+):(\d+)$/.exec(target);
  return m ? `ssh -p ${m[2]} ${m[1]}` : `ssh ${target}`;
}

export function cliCommand(origin: string, server: string, body: StartRestoreInput): string {
  const args: string[] = [
    'cellar',
    '--url',
    origin,
    'restore',
    server,
    body.backup ?? 'auto',
    body.destination.path,
    ...targetOptions(body.target),
  ];
  if (body.timeline !== undefined && body.timeline !== 'latest')
    args.push('--target-tli', String(body.timeline));
  if (body.inclusive === false) args.push('--exclusive');
  if (body.action && body.action !== 'pause') args.push('--target-action', body.action);
  if (body.destination.kind === 'ssh') {
    args.push('--remote-ssh-command', remoteSshCommand(body.destination.target));
    if (body.destination.hostKey) args.push('--ssh-host-key', body.destination.hostKey);
  }
  for (const [name, location] of Object.entries(body.tablespaces ?? {}))
    args.push('--tablespace', `${name}:${location}`);
  if (body.walMode === 'get-wal' && body.getWal)
    args.push('--get-wal', '--get-wal-url', body.getWal.url, '--get-wal-token-file', body.getWal.tokenFile);
  if (body.standby) args.push('--standby-mode');
  if (body.keepArchiveCommand) args.push('--keep-archive-command');
  if (body.overwrite) args.push('--overwrite');
  if (body.channels !== undefined) args.push('--jobs', String(body.channels));
  return args.map(shellQuote).join(' ');
}
