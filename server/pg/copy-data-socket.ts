import net from 'node:net';

// A socket for pg that takes the CopyData of a copy stream in itself. Through pg, each socket
// read is a fresh 64 KB buffer, copied into pg-protocol's merge buffer when a message spans
// reads, and each message is an object of its own. For a base backup (some 50,000 CopyData
// messages of 32 KB for 1.5 GB) that was most of the main thread's work (bench:backup); for a
// WAL receiver under many small commits, the buffers alone drove a full collection every few
// hundred milliseconds, each a pause in receiving (bench:wal). This socket reads into one
// reused buffer and frames the protocol itself. While a handler is attached, the CopyData
// messages after a CopyOutResponse (BASE_BACKUP) or CopyBothResponse (START_REPLICATION) go to
// it, as views of the read buffer when a message lies whole in one read (a copy when it spans
// reads); every other byte is handed to pg, in order, as a copy. A copy interrupted by any other
// message (a notice, say) is left to pg from there on: callers listen to pg's CopyData too.
//
// The read buffer is overwritten by the next read: a handler that keeps a view beyond its call
// must pause the socket until it is done with it (the ordered callbacks of both callers do).
// Not for TLS: pg wraps the socket in a TLS one, and these would be encrypted bytes.

const READ_BUFFER_BYTES = 256 * 1024;
const HEADER_BYTES = 5; // type byte, then the length (itself included) as an int32
const COPY_OUT_RESPONSE = 0x48; // 'H'
const COPY_BOTH_RESPONSE = 0x57; // 'W'
const COPY_DATA = 0x64; // 'd'

export type CopyDataHandler = (chunk: Buffer) => void;

export type CopyDataCapture = {
  /** Sends the CopyData the server sends in every copy from now on to `handler`, until released. */
  attach(handler: CopyDataHandler): () => void;
};

const captures = new WeakMap<object, CopyDataCapture>();

/** The capture of a socket made by createCopyDataSocket; undefined for any other stream. */
export function copyDataCaptureOf(stream: unknown): CopyDataCapture | undefined {
  return typeof stream === 'object' && stream !== null ? captures.get(stream) : undefined;
}

/** pg.Client options that give a connection this socket, unless it uses TLS (pg's own socket then). */
export function copyDataStreamOption(config: { ssl?: unknown }): { stream?: () => net.Socket } {
  return config.ssl ? {} : { stream: createCopyDataSocket };
}

/** For pg.Client's `stream` option (a plain TCP or Unix socket connection). */
function createCopyDataSocket(): net.Socket {
  const framer = new CopyDataFramer();
  const socket = new net.Socket({
    onread: {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (length: number, buffer: Buffer) => framer.read(buffer.subarray(0, length)),
    },
  } as net.SocketConstructorOpts);
  framer.toPg = (bytes) => socket.emit('data', bytes);
  captures.set(socket, framer);
  return socket;
}

/** The framing, apart from the socket (exported for its tests). */
export class CopyDataFramer implements CopyDataCapture {
  toPg: (bytes: Buffer) => void = () => undefined;
  private handler: CopyDataHandler | undefined;
  /** Inside a copy, taking CopyData messages in. */
  private capturing = false;
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private type = 0;
  private bodyLength = 0;
  /** Bytes of the current message's body still to come. */
  private bodyLeft = 0;
  /** A CopyData message that spans reads, being put together. */
  private spanning: Buffer | undefined;
  private spanningFill = 0;

  attach(handler: CopyDataHandler): () => void {
    this.handler = handler;
    return () => {
      if (this.handler === handler) this.handler = undefined;
    };
  }

  read(chunk: Buffer): void {
    let pos = 0;
    // Where the bytes owed to pg start; -1 while capturing (nothing is owed).
    let owedFrom = this.capturing ? -1 : 0;
    while (pos < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - pos);
        if (this.capturing) this.takeBody(chunk, pos, take);
        pos += take;
        this.bodyLeft -= take;
        if (this.bodyLeft === 0) owedFrom = this.messageEnded(chunk, pos, owedFrom);
        continue;
      }
      const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - pos);
      chunk.copy(this.header, this.headerFill, pos, pos + take);
      this.headerFill += take;
      pos += take;
      if (this.headerFill < HEADER_BYTES) break;
      this.headerFill = 0;
      this.type = this.header[0] as number;
      this.bodyLength = this.bodyLeft = this.header.readUInt32BE(1) - 4;
      if (this.capturing && this.type !== COPY_DATA) {
        // The copy is over (CopyDone, an error): this message and what follows are pg's.
        this.capturing = false;
        this.toPg(Buffer.from(this.header));
        owedFrom = pos;
      }
      if (this.bodyLeft === 0) owedFrom = this.messageEnded(chunk, pos, owedFrom);
    }
    if (owedFrom >= 0 && owedFrom < chunk.length) this.toPg(Buffer.from(chunk.subarray(owedFrom)));
  }

  private takeBody(chunk: Buffer, pos: number, take: number): void {
    if (this.spanning === undefined && take === this.bodyLength) {
      // The whole message is in this read: no copy.
      this.handler?.(chunk.subarray(pos, pos + take));
      return;
    }
    this.spanning ??= Buffer.allocUnsafe(this.bodyLength);
    chunk.copy(this.spanning, this.spanningFill, pos, pos + take);
    this.spanningFill += take;
  }

  /** After a message's last byte; returns where the bytes owed to pg now start. */
  private messageEnded(chunk: Buffer, pos: number, owedFrom: number): number {
    if (this.capturing) {
      const whole = this.spanning ?? (this.bodyLength === 0 ? Buffer.alloc(0) : undefined);
      this.spanning = undefined;
      this.spanningFill = 0;
      if (whole) this.handler?.(whole);
      return owedFrom;
    }
    if ((this.type !== COPY_OUT_RESPONSE && this.type !== COPY_BOTH_RESPONSE) || !this.handler)
      return owedFrom;
    // pg sees the response (its listeners learn that copying starts), then nothing until the copy ends.
    if (pos > owedFrom) this.toPg(Buffer.from(chunk.subarray(owedFrom, pos)));
    this.capturing = true;
    return -1;
  }
}
