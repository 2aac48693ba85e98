import { describe, expect, it } from 'vitest';
import { createFlowBudget } from './flow-budget';

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('flow budget', () => {
  it('grants within the limits and makes the next request wait for a release', async () => {
    const budget = createFlowBudget({ bytes: 100, files: 2 });
    await budget.acquire(60, 1);
    const second = budget.acquire(60, 1);
    expect(await settled(second)).toBe(false);
    budget.release(60, 1);
    expect(await settled(second)).toBe(true);
  });

  it('grants synchronously with tryAcquire, but never past a waiting request', async () => {
    const budget = createFlowBudget({ bytes: 100, files: 2 });
    expect(budget.tryAcquire(60)).toBe(true);
    expect(budget.tryAcquire(60)).toBe(false);
    const waiting = budget.acquire(60);
    expect(budget.tryAcquire(10)).toBe(false);
    budget.release(60);
    await waiting;
    expect(budget.tryAcquire(40)).toBe(true);
  });

  it('limits open files independently of bytes', async () => {
    const budget = createFlowBudget({ bytes: 1000, files: 1 });
    await budget.acquire(0, 1);
    const next = budget.acquire(0, 1);
    expect(await settled(next)).toBe(false);
    budget.release(0, 1);
    await next;
  });

  it('lets a request larger than the budget through once nothing else is held', async () => {
    const budget = createFlowBudget({ bytes: 10, files: 10 });
    await budget.acquire(5);
    const huge = budget.acquire(50);
    expect(await settled(huge)).toBe(false);
    budget.release(5);
    await huge;
  });

  it('serves waiters in order', async () => {
    const budget = createFlowBudget({ bytes: 10, files: 10 });
    await budget.acquire(10);
    const order: string[] = [];
    const a = budget.acquire(8).then(() => order.push('a'));
    const b = budget.acquire(1).then(() => order.push('b'));
    expect(await settled(b)).toBe(false);
    budget.release(10);
    await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
  });

  it('fails waiters and later requests on abort', async () => {
    const budget = createFlowBudget({ bytes: 1, files: 1 });
    await budget.acquire(1);
    const waiting = budget.acquire(1);
    budget.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(budget.acquire(0)).rejects.toThrow('stop');
  });
});
