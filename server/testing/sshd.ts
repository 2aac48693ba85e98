import { execFile } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { probeTcp, spawnService, type ChildService } from '../local/child-service';
import { freePort } from '../local/free-port';
import { onProcessExit } from '../local/process-cleanup';

const run = promisify(execFile);

// sshd must be started by absolute path: it re-executes itself for each connection.
const sshdPath = '/usr/sbin/sshd';

export type SshServer = {
  host: '127.0.0.1';
  port: number;
  username: string;
  /** OpenSSH-format ed25519 private key authorized for `username`. */
  privateKey: string;
  privateKeyPath: string;
  /** As `ssh-keygen -lf` prints it: `SHA256:<base64 without padding>`. */
  hostKeyFingerprint: string;
  /** The host key's public line: `ssh-ed25519 AAAA... comment`. */
  hostPublicKey: string;
  stop(): Promise<void>;
};

async function keygen(file: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
}

function sshdConfig(dir: string, port: number, username: string, asRoot: boolean): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(dir, 'host_ed25519')}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    `AllowUsers ${username}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // The temp dir's ownership and modes are not what StrictModes expects of a home directory.
    'StrictModes no',
    'UsePAM no',
    `PermitRootLogin ${asRoot ? 'prohibit-password' : 'no'}`,
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}

const bindFailure = /Address already in use|Cannot bind any address/;

async function launch(configFile: string, port: number): Promise<ChildService> {
  return spawnService({
    name: `sshd on port ${port}`,
    command: sshdPath,
    args: ['-D', '-e', '-f', configFile],
    debianPackage: 'openssh-server',
    ready: () => probeTcp(port, 'SSH-'),
  });
}

/** Starts a real OpenSSH server on 127.0.0.1 that accepts one generated key for the current user. */
export async function startSshd(): Promise<SshServer> {
  try {
    accessSync(sshdPath, constants.X_OK);
  } catch {
    throw new Error(`${sshdPath} not found. Install it: apt-get install -y openssh-server`);
  }
  const asRoot = process.getuid?.() === 0;
  // Debian's sshd refuses to start as root without its privilege-separation directory.
  if (asRoot) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const username = os.userInfo().username;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-sshd-'));
  const unregister = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  try {
    const clientKey = path.join(dir, 'client_ed25519');
    await Promise.all([keygen(path.join(dir, 'host_ed25519'), 'cellar-test-host'), keygen(clientKey, 'cellar-test-client')]);
    await copyFile(`${clientKey}.pub`, path.join(dir, 'authorized_keys'));
    const { stdout } = await run('ssh-keygen', ['-lf', path.join(dir, 'host_ed25519.pub')]);
    const hostKeyFingerprint = stdout.split(' ')[1] ?? '';
    const configFile = path.join(dir, 'sshd_config');
    let port = await freePort();
    let service: ChildService | undefined;
    for (let attempt = 1; service === undefined; attempt++) {
      await writeFile(configFile, sshdConfig(dir, port, username, asRoot));
      try {
        service = await launch(configFile, port);
      } catch (error) {
        if (attempt >= 3 || !bindFailure.test(String(error))) throw error;
        port = await freePort();
      }
    }
    const started = service;
    return {
      host: '127.0.0.1',
      port,
      username,
      privateKey: await readFile(clientKey, 'utf8'),
      privateKeyPath: clientKey,
      hostKeyFingerprint,
      hostPublicKey: (await readFile(path.join(dir, 'host_ed25519.pub'), 'utf8')).trim(),
      async stop() {
        await started.stop();
        unregister();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    unregister();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
