import {
  blockSize,
  decodeHeader,
  entryTypeOf,
  gnuLongName,
  hasBody,
  isZeroBlock,
  paddingAfter,
  parsePaxRecords,
  paxNumber,
  TarError,
  type RawHeader,
  type TarEntryType,
} from './tar-header';

export { TarError, type TarEntryType } from './tar-header';

// An incremental tar reader for archives arriving from a socket (BASE_BACKUP) or a pipe.
//
// Backpressure: write(chunk) returns a promise that settles once every callback for that chunk
// (onEntry, and each sink's write/end) has settled. The socket owner pauses its stream while
// write promises are outstanding and resumes when they settle; write() may be called again
// before the previous call settled (chunks are queued and processed in order), so events that
// arrive before the pause takes effect are not lost. Memory stays O(chunk): file bodies are
// passed on as views of the incoming chunks, only headers and pax/long-name records (bounded by
// maxMetadataBytes) are buffered.

export type TarHeader = {
  /** The entry's path as text (UTF-8); pathBytes holds the exact bytes when that matters. */
  path: string;
  pathBytes: Buffer;
  type: TarEntryType;
  /** The raw typeflag ('0' for regular files, also when the archive wrote NUL). */
  typeFlag: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  /** Bytes of body that follow (always 0 for links and devices). */
  size: number;
  mtime: Date;
  linkname: string;
  /** Offset of this entry's header block in the archive (of its first pax/long-name block, if any). */
  offset: number;
};

/**
 * Receives one entry's body. Chunks are views of the buffers given to write(): valid until the
 * returned promise settles; copy them to keep them longer.
 */
export type TarEntrySink = {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
};

/** Called for each entry in order; return a sink to receive its body, or nothing to skip it. */
export type TarEntryHandler = (
  header: TarHeader,
) => TarEntrySink | undefined | void | Promise<TarEntrySink | undefined | void>;

export type TarSummary = { entries: number; bytes: number; sawEndMarker: boolean };

export type TarParser = {
  /**
   * Feeds bytes. Returns nothing when every callback for them ran synchronously (the common
   * case, and no promise is made), else a promise that settles once they all settled; a failure
   * (a bad archive, a failing sink) is always a rejected promise, now and for every later call.
   * The caller must leave `chunk` unchanged until then.
   */
  write(chunk: Buffer): void | Promise<void>;
  /** Declares the input complete; rejects if the archive stopped in the middle of an entry. */
  end(): Promise<TarSummary>;
};

export type TarParserOptions = { maxMetadataBytes?: number };

type Pending = { offset: number; path?: Buffer; linkname?: Buffer; pax: Map<string, Buffer> };

type State =
  | { kind: 'header' }
  | { kind: 'body'; remaining: number; padding: number; sink: TarEntrySink | undefined; counted: boolean }
  | { kind: 'metadata'; typeFlag: string; remaining: number; padding: number; parts: Buffer[] }
  | { kind: 'padding'; remaining: number }
  | { kind: 'ended' };

export function createTarParser(onEntry: TarEntryHandler, options: TarParserOptions = {}): TarParser {
  const reader = new TarReader(onEntry, options.maxMetadataBytes ?? 1024 * 1024);
  // Writes run in order: while one waits on a callback, later ones queue behind it.
  let tail: Promise<unknown> | undefined;
  const enqueue = <T>(job: () => T | Promise<T>): Promise<T> => {
    const run = (tail ?? Promise.resolve()).then(job);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    tail = settled;
    void settled.then(() => {
      if (tail === settled) tail = undefined;
    });
    return run;
  };
  return {
    write(chunk) {
      if (tail) return enqueue(() => reader.feed(chunk));
      try {
        const pending = reader.feed(chunk);
        return pending && enqueue(() => pending);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    end: () => enqueue(() => reader.finish()),
  };
}

/** A value now, or a promise of it when a callback had to wait. */
type Maybe<T> = T | Promise<T>;

function isPromise<T>(value: Maybe<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `next(value)`, right away when `value` is already there. */
function then<T, U>(value: Maybe<T>, next: (value: T) => Maybe<U>): Maybe<U> {
  return isPromise(value) ? value.then(next) : next(value);
}

class TarReader {
  private state: State = { kind: 'header' };
  private readonly headerBlock = Buffer.alloc(blockSize);
  private headerFill = 0;
  private zeroBlocks = 0;
  private pending: Pending | undefined;
  private offset = 0;
  private entries = 0;
  private failure: Error | undefined;
  private finished = false;

  constructor(
    private readonly onEntry: TarEntryHandler,
    private readonly maxMetadataBytes: number,
  ) {}

  feed(chunk: Buffer): Maybe<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.finished) throw new TarError('write() after end()', this.offset);
    return this.feedFrom(chunk, 0);
  }

  /** Steps through chunk[pos…] synchronously until a callback returns a promise. */
  private feedFrom(chunk: Buffer, pos: number): Maybe<void> {
    try {
      while (pos < chunk.length) {
        const taken = this.step(chunk, pos);
        if (isPromise(taken)) {
          const at = pos;
          return taken.then(
            (n) => this.feedFrom(chunk, at + n),
            (error: unknown) => this.fail(error),
          );
        }
        pos += taken;
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): never {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    throw this.failure;
  }

  finish(): TarSummary {
    if (this.failure !== undefined) throw this.failure;
    this.finished = true;
    const inEntry = this.state.kind !== 'header' && this.state.kind !== 'ended';
    if (inEntry || this.headerFill > 0 || this.pending) {
      this.failure = new TarError('The archive is truncated: it ends inside an entry', this.offset);
      throw this.failure;
    }
    return { entries: this.entries, bytes: this.offset, sawEndMarker: this.state.kind === 'ended' };
  }

  /** Consumes bytes from chunk[pos…] for the current state; returns how many. */
  private step(chunk: Buffer, pos: number): Maybe<number> {
    const state = this.state;
    const available = chunk.length - pos;
    switch (state.kind) {
      case 'header':
        return this.stepHeader(chunk, pos);
      case 'body': {
        const take = Math.min(state.remaining, available);
        state.remaining -= take;
        this.offset += take;
        const written = state.sink?.write(chunk.subarray(pos, pos + take));
        return then(written, () => (state.remaining === 0 ? then(this.endBody(state), () => take) : take));
      }
      case 'metadata': {
        const take = Math.min(state.remaining, available);
        state.parts.push(Buffer.from(chunk.subarray(pos, pos + take)));
        state.remaining -= take;
        this.offset += take;
        if (state.remaining === 0) this.endMetadata(state);
        return take;
      }
      case 'padding': {
        const take = Math.min(state.remaining, available);
        state.remaining -= take;
        this.offset += take;
        if (state.remaining === 0) this.state = { kind: 'header' };
        return take;
      }
      case 'ended':
        // GNU tar pads the archive with zeros to a whole record after the end marker.
        if (chunk.subarray(pos).some((byte) => byte !== 0))
          throw new TarError('Data after the end-of-archive marker', this.offset);
        this.offset += available;
        return available;
    }
  }

  private stepHeader(chunk: Buffer, pos: number): Maybe<number> {
    const take = Math.min(blockSize - this.headerFill, chunk.length - pos);
    this.offset += take;
    let block: Buffer;
    if (this.headerFill === 0 && take === blockSize) {
      block = chunk.subarray(pos, pos + blockSize);
    } else {
      // A header split across chunks is assembled in a buffer of its own.
      chunk.copy(this.headerBlock, this.headerFill, pos, pos + take);
      this.headerFill += take;
      if (this.headerFill < blockSize) return take;
      block = this.headerBlock;
    }
    this.headerFill = 0;
    return then(this.onHeaderBlock(block, this.offset - blockSize), () => take);
  }

  private onHeaderBlock(block: Buffer, offset: number): Maybe<void> {
    if (isZeroBlock(block)) {
      if (this.pending) throw new TarError('An extended header is not followed by an entry', offset);
      // The archive ends with two zero blocks; a lone one inside it means corruption.
      if (++this.zeroBlocks === 2) this.state = { kind: 'ended' };
      return;
    }
    if (this.zeroBlocks > 0) throw new TarError('A zero block inside the archive', offset);
    const raw = decodeHeader(block, offset);
    if (raw.typeFlag === 'x' || raw.typeFlag === 'L' || raw.typeFlag === 'K' || raw.typeFlag === 'g') {
      this.startMetadata(raw, offset);
      return;
    }
    const header = this.applyPending(raw, offset);
    return then(this.onEntry(header), (sink) => this.startBody(header, sink ?? undefined));
  }

  private startBody(header: TarHeader, sink: TarEntrySink | undefined): Maybe<void> {
    const state = {
      kind: 'body' as const,
      remaining: header.size,
      padding: paddingAfter(header.size),
      sink,
      counted: true,
    };
    this.state = state;
    if (header.size === 0) return this.endBody(state);
  }

  private startMetadata(raw: RawHeader, offset: number): void {
    const padding = paddingAfter(raw.size);
    if (raw.typeFlag === 'g') {
      // Global pax headers (archive comments, charset) carry nothing a restore needs.
      this.state =
        raw.size === 0
          ? { kind: 'header' }
          : { kind: 'body', remaining: raw.size, padding, sink: undefined, counted: false };
      return;
    }
    this.pending ??= { offset, pax: new Map() };
    if (raw.size > this.maxMetadataBytes)
      throw new TarError(
        `A '${raw.typeFlag}' extended header of ${raw.size} bytes exceeds the ${this.maxMetadataBytes}-byte limit`,
        offset,
      );
    this.state = { kind: 'metadata', typeFlag: raw.typeFlag, remaining: raw.size, padding, parts: [] };
    if (raw.size === 0) this.endMetadata(this.state);
  }

  private endMetadata(state: Extract<State, { kind: 'metadata' }>): void {
    const body = Buffer.concat(state.parts);
    const pending = (this.pending ??= { offset: this.offset, pax: new Map<string, Buffer>() });
    if (state.typeFlag === 'L') pending.path = gnuLongName(body);
    else if (state.typeFlag === 'K') pending.linkname = gnuLongName(body);
    else for (const [key, value] of parsePaxRecords(body, this.offset)) pending.pax.set(key, value);
    this.state = state.padding > 0 ? { kind: 'padding', remaining: state.padding } : { kind: 'header' };
  }

  /** Pax records win over GNU long names, which win over the header block (GNU tar's order). */
  private applyPending(raw: RawHeader, offset: number): TarHeader {
    const pending = this.pending;
    this.pending = undefined;
    const pax = pending?.pax ?? new Map<string, Buffer>();
    const pathBytes = pax.get('path') ?? pending?.path ?? raw.pathBytes;
    const linkBytes = pax.get('linkpath') ?? pending?.linkname ?? raw.linkBytes;
    const number = (key: string, fallback: number) => {
      const value = pax.get(key);
      return value === undefined ? fallback : paxNumber(value, key, offset);
    };
    const size = number('size', raw.size);
    if (!Number.isInteger(size) || size < 0)
      throw new TarError(`Entry size ${size} is not a byte count`, offset);
    const text = (key: string, fallback: string) => pax.get(key)?.toString('utf8') ?? fallback;
    return {
      path: pathBytes.toString('utf8'),
      pathBytes,
      type: entryTypeOf(raw.typeFlag, pathBytes),
      typeFlag: raw.typeFlag,
      mode: raw.mode,
      uid: number('uid', raw.uid),
      gid: number('gid', raw.gid),
      uname: text('uname', raw.uname),
      gname: text('gname', raw.gname),
      size: hasBody(raw.typeFlag) ? size : 0,
      mtime: new Date(number('mtime', raw.mtimeSeconds) * 1000),
      linkname: linkBytes.toString('utf8'),
      offset: pending?.offset ?? offset,
    };
  }

  private endBody(state: Extract<State, { kind: 'body' }>): Maybe<void> {
    return then(state.sink?.end(), () => {
      if (state.counted) this.entries++;
      this.state = state.padding > 0 ? { kind: 'padding', remaining: state.padding } : { kind: 'header' };
    });
  }
}
