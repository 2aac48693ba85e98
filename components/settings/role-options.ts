import { roles, type Role } from '@/components/api/types';
import { roleAtLeast } from '@/components/auth/roles';

/** Roles one may hand out: never above one's own. */
export function roleOptions(ceiling: Role = 'admin') {
  return roles.filter((r) => roleAtLeast(ceiling, r)).map((r) => ({ value: r, label: r }));
}
