import { useMe } from '@/components/api/use-auth';
import { roles, type Role } from '@/components/api/types';

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(minimum);
}

/**
 * Whether the signed-in user may do what needs `minimum`. Controls a user may not use are left
 * out entirely (not merely disabled); the API refuses anyway.
 */
export function useCan(minimum: Role): boolean {
  const me = useMe();
  return me.data ? roleAtLeast(me.data.role, minimum) : false;
}

export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer — sees everything, changes nothing',
  operator: 'Operator — runs checks, backups and restores; edits servers',
  admin: 'Admin — also manages users and deletes servers',
};
