import path from 'node:path';
import type { SFTPWrapper, Stats } from 'ssh2';
import type { DecompressionPool } from '../../repository/decompression-pool';
import type { Destination } from './destination';
import { sftpWriteFile } from './sftp-write-file';
import { SshDestinationError, type SshSession } from './ssh-connect';

// A destination on another host: files decompressed by the pool's threads and written over
// SFTP with pipelined requests (sftp-write-file.ts), spread over the session's channels: two
// files per channel, so one file's open and close round trips overlap another's data.

const noSuchFile = 2; // SSH_FX_NO_SUCH_FILE

const call = <T>(fn: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value as T))));

export function sshDestination(session: SshSession, pool: DecompressionPool): Destination {
  const busy = new Map<SFTPWrapper, number>(session.sftp.map((s) => [s, 0]));
  const made = new Set<string>();
  const pick = () => [...busy.entries()].reduce((a, b) => (b[1] < a[1] ? b : a))[0];
  const using = async <T>(work: (sftp: SFTPWrapper) => Promise<T>): Promise<T> => {
    const closed = session.closed();
    if (closed) throw closed;
    const sftp = pick();
    busy.set(sftp, (busy.get(sftp) ?? 0) + 1);
    try {
      return await Promise.race([work(sftp), session.whenClosed]);
    } catch (error) {
      throw session.closed() ?? (error instanceof Error ? new SshDestinationError(`ssh ${session.target}: ${error.message}`) : error);
    } finally {
      busy.set(sftp, (busy.get(sftp) ?? 1) - 1);
    }
  };
  const exec = (command: string) =>
    new Promise<void>((resolve, reject) =>
      session.conn.exec(command, (error, stream) => {
        if (error) return reject(error);
        let stderr = '';
        stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        stream.on('close', (code: number | null) => (code === 0 ? resolve() : reject(new SshDestinationError(`ssh ${session.target}: ${command} failed: ${stderr.trim() || `exit ${code}`}`))));
        stream.resume();
      }),
    );
  const mkdirp = async (dir: string): Promise<void> => {
    if (made.has(dir) || dir === '/') return;
    await mkdirp(path.posix.dirname(dir));
    await using(async (sftp) => {
      const stats = await call<Stats>((cb) => sftp.stat(dir, cb)).catch(() => undefined);
      if (stats?.isDirectory()) return;
      await call((cb) => sftp.mkdir(dir, { mode: 0o700 }, cb));
    });
    made.add(dir);
  };
  return {
    label: (dir) => `${session.target}:${dir}`,
    list: (dir) =>
      using(async (sftp) => {
        try {
          return (await call<{ filename: string }[]>((cb) => sftp.readdir(dir, cb))).map((e) => e.filename);
        } catch (error) {
          if ((error as { code?: number }).code === noSuchFile) return null;
          throw error;
        }
      }),
    // The path was validated (absolute, no quotes): safe inside single quotes.
    clear: (dir) => exec(`find '${dir}' -mindepth 1 -delete`),
    mkdir: mkdirp,
    restore: (src, codec, dest, options = {}) =>
      using(async (sftp) => {
        const source = pool.toStream(src, codec, options.sha256 ? { sha256: options.sha256 } : {});
        // Its errors reach sftpWriteFile through iteration. One raised before iteration starts
        // (the pool closed while the remote file was still being opened) must not be an
        // uncaught 'error' event.
        source.on('error', () => undefined);
        try {
          return await sftpWriteFile(sftp, dest, options.mode ?? 0o600, source);
        } finally {
          source.destroy();
        }
      }),
    // Each file is fsynced on the host before restore() resolves (sftp-write-file.ts).
    flush: () => Promise.resolve(),
    write: (dest, data, mode = 0o600) =>
      using(async (sftp) => {
        const temp = `${dest}.cellar-tmp`;
        await call((cb) => sftp.writeFile(temp, data, { mode }, cb));
        await call((cb) => sftp.ext_openssh_rename(temp, dest, cb));
      }),
    read: (file) =>
      using(async (sftp) => {
        try {
          return await call<Buffer>((cb) => sftp.readFile(file, cb));
        } catch (error) {
          if ((error as { code?: number }).code === noSuchFile) return null;
          throw error;
        }
      }),
    remove: (file) =>
      using(async (sftp) => {
        await call((cb) => sftp.unlink(file, cb)).catch((error: { code?: number }) => {
          if (error.code !== noSuchFile) throw error;
        });
      }),
    symlink: (target, link) => using(async (sftp) => void (await call((cb) => sftp.symlink(target, link, cb)))),
    lanes: session.sftp.length * 2,
    close() {
      session.conn.end();
      return Promise.resolve();
    },
  };
}
