import type { Tx } from '../db/client';
import type { Role, User } from '../db/generated/client';
import { DomainError } from '../errors/domain-error';

/**
 * Refuses a change that would leave no enabled admin: nobody could then manage users, and the
 * only way back would be editing the catalog by hand. Call inside a transaction holding lockUsers.
 */
export async function assertAdminRemains(
  tx: Tx,
  user: Pick<User, 'id' | 'username' | 'role' | 'disabled'>,
  next: { role: Role; disabled: boolean },
): Promise<void> {
  const wasAdmin = user.role === 'admin' && !user.disabled;
  const staysAdmin = next.role === 'admin' && !next.disabled;
  if (!wasAdmin || staysAdmin) return;
  const others = await tx.user.count({ where: { role: 'admin', disabled: false, id: { not: user.id } } });
  if (others > 0) return;
  const change = next.disabled ? 'disabled' : `made ${next.role}`;
  throw new DomainError(
    'conflict',
    `'${user.username}' is the last enabled admin and cannot be ${change}. Make another user admin first.`,
  );
}
