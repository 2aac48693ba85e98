import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { onProcessExit } from './process-cleanup';

// Redis and sshd run in the foreground as our children: ready when a TCP probe answers, dead
// when the child exits (its output then explains why).

export type ChildService = {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
};

export type SpawnServiceOptions = {
  name: string;
  command: string;
  args: string[];
  /** Debian package to install when the command is missing. */
  debianPackage: string;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function spawnService(opts: SpawnServiceOptions): Promise<ChildService> {
  const child = spawn(opts.command, opts.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let failure: Error | undefined;
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      exited = true;
      failure =
        error.code === 'ENOENT'
          ? new Error(`${opts.name}: ${opts.command} not found. Install it: apt-get install -y ${opts.debianPackage}`)
          : error;
      resolve();
    });
  });
  const unregister = onProcessExit(() => child.kill('SIGKILL'));
  const stop = async () => {
    unregister();
    if (!exited) child.kill('SIGTERM');
    await exit;
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    if (failure) throw failure;
    if (exited) {
      unregister();
      throw new Error(`${opts.name} exited during startup (code ${child.exitCode}):\n${output.trim()}`);
    }
    if (await opts.ready()) return { child, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${opts.name} did not become ready within ${opts.timeoutMs ?? 15_000} ms:\n${output.trim()}`);
    }
    await sleep(25);
  }
}

/** Connects, optionally sends `send`, and resolves true once the reply starts with `expect`. */
export function probeTcp(port: number, expect: string, send?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.length >= expect.length) done(reply.startsWith(expect));
    });
  });
}
