// Runs a socket's event callbacks strictly in arrival order, with backpressure. A callback that
// returns a promise pauses the socket; until it settles, later callbacks are queued (their data
// already copied by the caller) rather than run, since the parser of a socket read keeps emitting
// the messages of that read after pause(). The socket resumes when the queue is empty again.
// The first error (thrown or rejected) stops everything: nothing more runs and onFailure fires.

export type OrderedCallbackHooks = {
  pause(): void;
  resume(): void;
  onFailure(error: Error): void;
};

export type OrderedCallbacks = {
  /** Runs `job` now when nothing is outstanding, else after every job queued before it. */
  run(job: () => unknown): void;
  /** Records a failure from outside the jobs (a protocol error seen by the socket code). */
  fail(error: unknown): void;
  /** Settles once every queued job settled; rejects with the first failure, if any. */
  drained(): Promise<void>;
  readonly failure: Error | undefined;
};

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

export function createOrderedCallbacks(hooks: OrderedCallbackHooks): OrderedCallbacks {
  let tail: Promise<void> | undefined;
  let outstanding = 0;
  let failure: Error | undefined;

  const fail = (error: unknown) => {
    if (failure) return;
    failure = error instanceof Error ? error : new Error(String(error));
    hooks.onFailure(failure);
  };
  const settled = () => {
    if (--outstanding > 0) return;
    tail = undefined;
    if (!failure) hooks.resume();
  };
  const failed = (error: unknown) => {
    fail(error);
    settled();
  };

  return {
    run(job) {
      if (failure) return;
      if (tail !== undefined) {
        outstanding++;
        tail = tail.then(() => (failure ? undefined : job())).then(settled, failed);
        return;
      }
      let result: unknown;
      try {
        result = job();
      } catch (error) {
        fail(error);
        return;
      }
      if (!isThenable(result)) return;
      outstanding++;
      hooks.pause();
      tail = Promise.resolve(result).then(settled, failed);
    },
    fail,
    async drained() {
      while (tail !== undefined) await tail;
      if (failure) throw failure;
    },
    get failure() {
      return failure;
    },
  };
}
