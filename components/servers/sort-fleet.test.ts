import { describe, expect, it } from 'vitest';
import type { ServerSummary } from '@/components/api/types';
import { sortFleet } from './sort-fleet';

const server = (name: string, enabled: boolean, lastCheck: ServerSummary['lastCheck']) =>
  ({ name, enabled, lastCheck }) as ServerSummary;
const check = (ok: boolean) => ({ ok, checkedAt: '2026-01-01T00:00:00Z', failed: ok ? [] : ['wal_level'] });

describe('sortFleet', () => {
  it('puts failed checks first, then never checked, then healthy, then disabled; by name within each', () => {
    const sorted = sortFleet([
      server('a', true, check(true)),
      server('b', false, check(false)),
      server('c', true, null),
      server('d', true, check(false)),
      server('e', true, check(false)),
    ]);
    expect(sorted.map((s) => s.name)).toEqual(['d', 'e', 'c', 'a', 'b']);
  });
});
