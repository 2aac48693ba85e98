'use client';

import { useState } from 'react';
import type { Role, UserView } from '@/components/api/types';
import { useUpdateUser } from '@/components/api/use-users';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { Td, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { ResetPassword } from './reset-password';
import { roleOptions } from './role-options';

/** One user; an admin cannot demote or disable themself here (that would lock them out). */
export function UserRow({ user, isSelf }: { user: UserView; isSelf: boolean }) {
  const update = useUpdateUser(user.id);
  const [message, setMessage] = useState<string | null>(null);
  const change = (changes: { role?: Role; disabled?: boolean }, done: string) => {
    setMessage(null);
    update.mutate(changes, { onSuccess: () => setMessage(done) });
  };
  return (
    <tr className={rowClass}>
      <Td className="font-medium">
        {user.username}
        {isSelf ? <span className="text-zinc-500 dark:text-zinc-400"> (you)</span> : null}
      </Td>
      <Td>
        {isSelf ? (
          user.role
        ) : (
          <SelectField
            label={<span className="sr-only">Role of {user.username}</span>}
            options={roleOptions()}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) =>
              change({ role: e.target.value as Role }, `${user.username} is now ${e.target.value}.`)
            }
          />
        )}
      </Td>
      <Td>{user.disabled ? <Badge tone="gray">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
      <Td className="whitespace-nowrap">
        <Time iso={user.lastLoginAt} empty="never" />
      </Td>
      <Td className="whitespace-nowrap">
        <Time iso={user.createdAt} />
      </Td>
      <Td>
        <div className="flex flex-wrap items-start gap-2">
          {isSelf ? null : (
            <Button
              size="sm"
              variant={user.disabled ? 'secondary' : 'danger'}
              busy={update.isPending}
              onClick={() =>
                change(
                  { disabled: !user.disabled },
                  user.disabled
                    ? `${user.username} can sign in again.`
                    : `${user.username} can no longer sign in.`,
                )
              }
            >
              {user.disabled ? `Enable ${user.username}` : `Disable ${user.username}`}
            </Button>
          )}
          <ResetPassword user={user} />
        </div>
        {update.error ? (
          <ErrorNotice title={`${user.username} was not changed.`} error={update.error} />
        ) : null}
        {message ? <Notice tone="success">{message}</Notice> : null}
      </Td>
    </tr>
  );
}
