import type { Codec } from '../../repository/codecs';

// Where a restore writes: a directory on the Cellar host or on a remote host over SFTP. The
// restore pipeline (restore-files.ts, write-recovery-config.ts) sees only this.

export type Destination = {
  /** "/srv/pg" or "postgres@db2:/srv/pg", for messages. */
  label(dir: string): string;
  /** Entry names in `dir`; null when it does not exist. */
  list(dir: string): Promise<string[] | null>;
  /** Removes everything inside `dir` (the directory itself stays). */
  clear(dir: string): Promise<void>;
  /** Creates `dir` and its missing parents, mode 0700. */
  mkdir(dir: string): Promise<void>;
  /** Decompresses a stored file into a new file `dest`; resolves to its size. */
  restore(src: string, codec: Codec, dest: string, options?: { sha256?: string; mode?: number }): Promise<number>;
  /** Resolves once every file restore() wrote is durable (some destinations fsync in the background). */
  flush(): Promise<void>;
  /** Writes a whole small file (temporary name, then rename). */
  write(dest: string, data: Buffer, mode?: number): Promise<void>;
  read(file: string): Promise<Buffer | null>;
  remove(file: string): Promise<void>;
  symlink(target: string, link: string): Promise<void>;
  /** Parallel transfers this destination handles well. */
  readonly lanes: number;
  close(): Promise<void>;
};
