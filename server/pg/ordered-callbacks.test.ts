import { describe, expect, it } from 'vitest';
import { createOrderedCallbacks } from './ordered-callbacks';

function setup() {
  const log: string[] = [];
  const failures: Error[] = [];
  const callbacks = createOrderedCallbacks({
    pause: () => log.push('pause'),
    resume: () => log.push('resume'),
    onFailure: (error) => failures.push(error),
  });
  return { log, failures, callbacks };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createOrderedCallbacks', () => {
  it('runs synchronous jobs at once without touching the socket', async () => {
    const { log, callbacks } = setup();
    callbacks.run(() => log.push('a'));
    callbacks.run(() => log.push('b'));
    expect(log).toEqual(['a', 'b']);
    await callbacks.drained();
  });

  it('pauses while a promise is outstanding, queues later jobs in order, then resumes once', async () => {
    const { log, callbacks } = setup();
    const first = deferred();
    callbacks.run(() => {
      log.push('a');
      return first.promise;
    });
    callbacks.run(() => log.push('b'));
    callbacks.run(() => {
      log.push('c');
      return Promise.resolve();
    });
    expect(log).toEqual(['a', 'pause']);
    first.resolve();
    await callbacks.drained();
    expect(log).toEqual(['a', 'pause', 'b', 'c', 'resume']);
    callbacks.run(() => log.push('d'));
    expect(log.at(-1)).toBe('d');
  });

  it('stops at the first rejection: later jobs never run, the socket stays paused', async () => {
    const { log, failures, callbacks } = setup();
    const first = deferred();
    callbacks.run(() => first.promise);
    callbacks.run(() => log.push('never'));
    first.reject(new Error('disk full'));
    await expect(callbacks.drained()).rejects.toThrow('disk full');
    callbacks.run(() => log.push('never either'));
    expect(log).toEqual(['pause']);
    expect(failures.map((e) => e.message)).toEqual(['disk full']);
  });

  it('turns a synchronous throw into the failure', async () => {
    const { failures, callbacks } = setup();
    callbacks.run(() => {
      throw new Error('bad chunk');
    });
    callbacks.fail(new Error('second error is ignored'));
    await expect(callbacks.drained()).rejects.toThrow('bad chunk');
    expect(failures).toHaveLength(1);
    expect(callbacks.failure?.message).toBe('bad chunk');
  });

  it('fails from outside with non-Error values wrapped', async () => {
    const { callbacks } = setup();
    callbacks.fail('protocol broke');
    await expect(callbacks.drained()).rejects.toThrow('protocol broke');
  });
});
