// Bounds what a backup holds in memory and open at once: bytes received but not yet on disk,
// and files begun but not yet finished. Acquiring waits (and so pauses the socket upstream)
// until enough is released; a single request larger than the whole budget waits for an empty one.

export type FlowBudget = {
  /** Takes the room now when there is some and nobody waits: the synchronous fast path. */
  tryAcquire(bytes: number, files?: number): boolean;
  acquire(bytes: number, files?: number): Promise<void>;
  release(bytes: number, files?: number): void;
  /** Wakes every waiter with this error; later acquires fail with it too. */
  abort(error: Error): void;
};

export function createFlowBudget(limits: { bytes: number; files: number }): FlowBudget {
  let bytes = 0;
  let files = 0;
  let failure: Error | undefined;
  const waiters: { bytes: number; files: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  const fits = (b: number, f: number) =>
    (bytes === 0 || bytes + b <= limits.bytes) && (files === 0 || files + f <= limits.files);

  const wake = () => {
    while (waiters.length > 0) {
      const next = waiters[0];
      if (!next || !fits(next.bytes, next.files)) return;
      waiters.shift();
      bytes += next.bytes;
      files += next.files;
      next.resolve();
    }
  };

  const tryAcquire = (b: number, f = 0) => {
    // First come, first served: nobody overtakes a waiting request.
    if (failure || waiters.length > 0 || !fits(b, f)) return false;
    bytes += b;
    files += f;
    return true;
  };

  return {
    tryAcquire,
    acquire(b, f = 0) {
      if (failure) return Promise.reject(failure);
      if (tryAcquire(b, f)) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ bytes: b, files: f, resolve, reject }));
    },
    release(b, f = 0) {
      bytes -= b;
      files -= f;
      wake();
    },
    abort(error) {
      failure ??= error;
      for (const waiter of waiters.splice(0)) waiter.reject(failure);
    },
  };
}
