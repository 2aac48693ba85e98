import type { ScoredBackup } from './retention-status';

// Generated catalogs for the retention unit tests (not production code): a seeded generator, so
// a failure names a case that reproduces, covering every status, keep target, policy form and
// minimum_redundancy from 0 to past the number of backups.

export type CatalogCase = { label: string; policy: string; minimumRedundancy: number; backups: ScoredBackup[] };

/** mulberry32: small, seeded, good enough to spread test cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const statuses = ['DONE', 'DONE', 'DONE', 'DONE', 'FAILED', 'WAITING_FOR_WALS', 'STARTED'];
const keeps = [null, null, null, null, null, 'full', 'standalone'];
const policies = ['REDUNDANCY 1', 'REDUNDANCY 2', 'REDUNDANCY 4', 'RECOVERY WINDOW OF 1 DAY', 'RECOVERY WINDOW OF 3 DAYS', 'RECOVERY WINDOW OF 1 WEEK', 'RECOVERY WINDOW OF 1 MONTH'];

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

export function generatedCatalogs(count: number, now: Date): CatalogCase[] {
  const cases: CatalogCase[] = [];
  for (let seed = 1; seed <= count; seed++) {
    const random = seededRandom(seed);
    const size = Math.floor(random() * 12);
    let ago = random() * 2 * 86_400_000;
    const backups: ScoredBackup[] = [];
    for (let i = 0; i < size; i++) {
      const end = new Date(now.getTime() - ago);
      const status = pick(random, statuses);
      backups.push({
        backupId: end.toISOString().replace(/[-:]/g, '').slice(0, 15),
        status,
        endTime: status === 'STARTED' ? null : end,
        keep: status === 'DONE' ? pick(random, keeps) : null,
      });
      // Gaps from an hour to ten days, so windows cut catalogs anywhere.
      ago += 3_600_000 + random() * 10 * 86_400_000;
    }
    const policy = pick(random, policies);
    const minimumRedundancy = Math.floor(random() * 6);
    cases.push({ label: `seed ${seed}: ${policy}, minimum_redundancy ${minimumRedundancy}, ${size} backups`, policy, minimumRedundancy, backups });
  }
  return cases;
}
