import type { ChildProcess } from 'node:child_process';

/** SIGTERMs child processes and waits until each has exited (they finish their work first). */
export async function stopChildren(children: ChildProcess[]): Promise<void> {
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(exits);
}
