import { describe, expect, it } from 'vitest';
import { auditWhere, parseAuditFilters } from './audit-filters';
import { DomainError } from '../errors/domain-error';

describe('audit filters', () => {
  it('treats empty query values as absent', () => {
    expect(parseAuditFilters({ actor: '', action: '', outcome: '', from: '' })).toEqual({});
    expect(auditWhere({})).toEqual({ AND: [] });
  });

  it('matches an actor and their tokens, and an action family by prefix', () => {
    expect(auditWhere(parseAuditFilters({ actor: 'alice', action: 'server' }))).toEqual({
      AND: [
        { OR: [{ actorName: 'alice' }, { actorName: { startsWith: 'alice/' } }] },
        { OR: [{ action: 'server' }, { action: { startsWith: 'server.' } }] },
      ],
    });
  });

  it('parses a time range and refuses one that runs backwards', () => {
    const f = parseAuditFilters({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' });
    expect(f.from?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    try {
      parseAuditFilters({ from: '2026-11-02', to: '2026-11-01', outcome: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const fields = (error as DomainError).details?.fields as Record<string, string[]>;
      expect(fields.outcome).toEqual(['Outcome must be success, failure or denied.']);
    }
    expect(() => parseAuditFilters({ from: 'yesterday' })).toThrow(DomainError);
  });
});
