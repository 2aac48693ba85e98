import { describe, expect, it } from 'vitest';
import { hasRole, lowerRole, requireRole, roleRank } from './roles';
import { DomainError } from '../errors/domain-error';

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(roleRank('viewer')).toBeLessThan(roleRank('operator'));
    expect(roleRank('operator')).toBeLessThan(roleRank('admin'));
    expect(hasRole({ role: 'admin' }, 'viewer')).toBe(true);
    expect(hasRole({ role: 'operator' }, 'admin')).toBe(false);
    expect(lowerRole('admin', 'operator')).toBe('operator');
    expect(lowerRole('viewer', 'admin')).toBe('viewer');
  });

  it('lets a role through at or above the minimum', () => {
    expect(() => requireRole({ role: 'operator' }, 'operator')).not.toThrow();
    expect(() => requireRole({ role: 'admin' }, 'operator')).not.toThrow();
  });

  it('refuses below the minimum with forbidden and a message that says who can', () => {
    const attempt = () => requireRole({ role: 'viewer' }, 'operator', 'start backups');
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow('Your role (viewer) cannot start backups; an operator or admin can.');
    expect(() => requireRole({ role: 'operator' }, 'admin')).toThrow(
      expect.objectContaining({
        code: 'forbidden',
        message: 'Your role (operator) cannot do this; only an admin can.',
      }),
    );
  });
});
