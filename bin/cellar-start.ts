// `npm start`: Cellar with embedded defaults. Without DATABASE_URL a catalog PostgreSQL runs
// under .cellar/catalog; without REDIS_URL a private redis-server runs as a child. The web, the
// job workers and the WAL receiver run as child processes. A demo PostgreSQL server with sample
// data is registered (streaming its WAL) and checked. Ctrl-C stops everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openLocalCluster, type LocalCluster } from '../server/local/local-cluster';
import { freePort } from '../server/local/free-port';
import { stopChildren } from '../server/local/stop-children';
import { waitForHttp } from '../server/local/wait-for-http';
import { probeTcp, spawnService, type ChildService } from '../server/local/child-service';
import { createProducer } from '../server/queue/producer';
import { registerDemoServer } from '../server/startup/register-demo-server';
import { disconnectDb } from '../server/db/client';

const root = path.resolve(import.meta.dirname, '..');
const home = path.resolve(process.env.CELLAR_HOME ?? path.join(root, '.cellar'));
process.env.CELLAR_HOME = home;
const port = Number(process.env.PORT ?? 7480);
const clusters: LocalCluster[] = [];
const children: ChildProcess[] = [];
let redis: ChildService | undefined;

async function main(): Promise<void> {
  await mkdir(home, { recursive: true });
  if (!process.env.DATABASE_URL) {
    const catalog = await openLocalCluster({ dir: path.join(home, 'catalog') });
    clusters.push(catalog);
    await catalog.ensureDatabase('cellar');
    process.env.DATABASE_URL = catalog.url('cellar');
    say(`catalog: embedded PostgreSQL on 127.0.0.1:${catalog.port} (${path.join(home, 'catalog')})`);
  }
  if (!process.env.REDIS_URL) process.env.REDIS_URL = await startPrivateRedis();
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    say('building the console (first start only)…');
    const build = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('The console build failed; see above.');
  }
  children.push(launch('web', ['bin/cellar-web.ts'], { PORT: String(port) }));
  await waitForHttp(`http://127.0.0.1:${port}/api/health`);
  children.push(launch('workers', ['workers/jobs.ts'], {}));
  children.push(launch('WAL receiver', ['workers/wal-receiver.ts'], {}));
  if (process.env.CELLAR_DEMO !== '0') {
    const demo = await openLocalCluster({ dir: path.join(home, 'demo') });
    clusters.push(demo);
    await demo.ensureDatabase('shop');
    const producer = createProducer();
    await registerDemoServer({ clusterUrl: (db) => demo.url(db), port: demo.port, producer });
    await producer.close();
    say(`demo: PostgreSQL on 127.0.0.1:${demo.port} registered as server "demo", streaming its WAL; its checks and first backup are running`);
  }
  say(
    `\n  Cellar is running: http://127.0.0.1:${port}\n  Sign in as the admin printed above on first start (or with CELLAR_ADMIN_PASSWORD). Ctrl-C stops everything.\n`,
  );
}

async function startPrivateRedis(): Promise<string> {
  const present = spawnSync('redis-server', ['--version']).status === 0;
  if (!present && process.getuid?.() === 0) {
    say('redis-server is missing; installing the OS packages Cellar uses…');
    spawnSync('bash', [path.join(root, 'bin/install-os-packages.sh')], { stdio: 'inherit' });
  }
  const redisPort = await freePort();
  const dir = path.join(home, 'redis');
  await mkdir(dir, { recursive: true });
  redis = await spawnService({
    name: 'redis-server',
    command: 'redis-server',
    args: [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
    ],
    debianPackage: 'redis-server',
    ready: () => probeTcp(redisPort, '+PONG', 'PING\r\n'),
  }).catch((error: unknown) => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nInstall it with: sudo bash bin/install-os-packages.sh (or set REDIS_URL).`,
    );
  });
  say(`queue: private redis-server on 127.0.0.1:${redisPort}`);
  return `redis://127.0.0.1:${redisPort}`;
}

function launch(name: string, args: string[], extraEnv: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`cellar: the ${name} process exited (${code}); stopping.`);
      void stop(1);
    }
  });
  return child;
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopChildren(children);
  await disconnectDb();
  await redis?.stop();
  for (const cluster of clusters.reverse()) await cluster.stop().catch(() => undefined);
  process.exit(code);
}

function say(line: string): void {
  console.log(`cellar: ${line}`);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error: unknown) => {
  console.error(`cellar: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
