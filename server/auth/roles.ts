import type { Actor } from '../context';
import type { Role } from '../db/generated/enums';
import { DomainError } from '../errors/domain-error';

export const roles = ['viewer', 'operator', 'admin'] as const satisfies readonly Role[];

/** viewer < operator < admin; a role may do everything the roles below it may. */
export function roleRank(role: Role): number {
  return roles.indexOf(role);
}

export function hasRole(actor: Pick<Actor, 'role'>, minimum: Role): boolean {
  return roleRank(actor.role) >= roleRank(minimum);
}

/** The lower of two roles: a token never acts above the user who owns it. */
export function lowerRole(a: Role, b: Role): Role {
  return roleRank(a) <= roleRank(b) ? a : b;
}

const whoCan: Record<Role, string> = {
  viewer: 'any signed-in user can',
  operator: 'an operator or admin can',
  admin: 'only an admin can',
};

/**
 * Throws `forbidden` unless the actor's role reaches `minimum`. `action` completes
 * "Your role (viewer) cannot …", e.g. 'delete servers'.
 */
export function requireRole(actor: Pick<Actor, 'role'>, minimum: Role, action = 'do this'): void {
  if (hasRole(actor, minimum)) return;
  throw new DomainError('forbidden', `Your role (${actor.role}) cannot ${action}; ${whoCan[minimum]}.`, {
    requiredRole: minimum,
  });
}
