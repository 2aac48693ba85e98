'use client';

import { useRouter } from 'next/navigation';
import type { CurrentUser } from '@/components/api/types';
import { useLogout } from '@/components/api/use-auth';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';

export function UserMenu({ user }: { user: CurrentUser }) {
  const router = useRouter();
  const logout = useLogout();
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-zinc-700 dark:text-zinc-300">
        Signed in as <strong className="font-semibold text-zinc-950 dark:text-white">{user.username}</strong>
      </span>
      <Badge
        tone={user.role === 'admin' ? 'amber' : user.role === 'operator' ? 'blue' : 'gray'}
        title="Your role"
      >
        {user.role}
      </Badge>
      <Button
        size="sm"
        busy={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => router.replace('/login') })}
      >
        Sign out
      </Button>
    </div>
  );
}
