import type { SFTPWrapper } from 'ssh2';

// One file written over SFTP with many WRITE requests outstanding at once, as OpenSSH's sftp
// client does: a stream writer waits for each reply before the next request, so every piece
// costs a round trip. Each request carries at most PIECE_BYTES (ssh2 copies the data into its
// packet at once, so the source chunk is free afterwards); at most IN_FLIGHT_BYTES wait for
// their reply, which bounds memory when the channel is slower than the decompression. The
// file is fsynced on the remote host (OpenSSH's fsync@openssh.com) before it counts as written.

const PIECE_BYTES = 64 * 1024;
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

const call = <T>(fn: (cb: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value as T))));

/** Writes `source` to a new remote file `dest` (truncating one that exists); resolves to its size. */
export async function sftpWriteFile(sftp: SFTPWrapper, dest: string, mode: number, source: AsyncIterable<Buffer>): Promise<number> {
  const handle = await call<Buffer>((cb) => sftp.open(dest, 'w', { mode }, cb));
  let position = 0;
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const settled = (length: number) => (error: Error | null | undefined) => {
    inFlight -= length;
    failure ??= error ?? undefined;
    wake?.();
  };
  const waitUntil = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
  };
  try {
    for await (const chunk of source) {
      for (let offset = 0; offset < chunk.length && !failure; offset += PIECE_BYTES) {
        const length = Math.min(PIECE_BYTES, chunk.length - offset);
        await waitUntil(() => failure !== undefined || inFlight + length <= IN_FLIGHT_BYTES);
        if (failure) break;
        inFlight += length;
        sftp.write(handle, chunk, offset, length, position, settled(length));
        position += length;
      }
      if (failure) break;
    }
    await waitUntil(() => inFlight === 0);
    if (!failure) await fsyncRemote(sftp, handle);
  } finally {
    await waitUntil(() => inFlight === 0);
    const closed = call((cb) => sftp.close(handle, cb));
    if (failure) closed.catch(() => undefined);
    else await closed;
  }
  if (failure) throw failure;
  return position;
}

/** fsync@openssh.com where the server offers it; an SFTP server without it cannot be asked. */
async function fsyncRemote(sftp: SFTPWrapper, handle: Buffer): Promise<void> {
  try {
    await call((cb) => sftp.ext_openssh_fsync(handle, cb));
  } catch (error) {
    if (!(error instanceof Error && /does not support this extended request/.test(error.message))) throw error;
  }
}
