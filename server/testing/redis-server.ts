import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { probeTcp, spawnService, type ChildService } from '../local/child-service';
import { freePort } from '../local/free-port';
import { onProcessExit } from '../local/process-cleanup';

export type RedisServer = {
  port: number;
  url: string;
  stop(): Promise<void>;
  /** Stops and starts again on the same port, with no data (nothing is persisted). */
  restart(): Promise<void>;
};

const bindFailure = /Address already in use|Could not create server TCP listening socket/;

function launch(port: number, dir: string): Promise<ChildService> {
  // Persistence is off: a restarted Redis comes back empty, like one that lost its memory.
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  return spawnService({
    name: `redis-server on port ${port}`,
    command: 'redis-server',
    args,
    debianPackage: 'redis-server',
    ready: () => probeTcp(port, '+PONG', 'PING\r\n'),
  });
}

/** Starts a private, non-persistent Redis on 127.0.0.1 (never the machine's own 6379). */
export async function startRedis(): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-redis-'));
  const unregister = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  let port = await freePort();
  let service: ChildService | undefined;
  // Another process may take the port between freePort() and bind(); retry with a fresh one.
  for (let attempt = 1; service === undefined; attempt++) {
    try {
      service = await launch(port, dir);
    } catch (error) {
      if (attempt >= 3 || !bindFailure.test(String(error))) {
        unregister();
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }
  let current: ChildService | undefined = service;
  const stop = async () => {
    await current?.stop();
    current = undefined;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stop();
      unregister();
      await rm(dir, { recursive: true, force: true });
    },
    async restart() {
      await stop();
      current = await launch(port, dir);
    },
  };
}
