'use client';

import { useMe } from '@/components/api/use-auth';
import { useUsers } from '@/components/api/use-users';
import { useCan } from '@/components/auth/roles';
import { Notice } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Table, Th } from '@/components/ui/table';
import { AddUserForm } from './add-user-form';
import { UserRow } from './user-row';

export function UsersAdmin() {
  const isAdmin = useCan('admin');
  const me = useMe();
  const users = useUsers(isAdmin);
  if (!isAdmin)
    return (
      <Notice tone="warning">
        Only administrators manage users. Ask one if someone needs access or a different role.
      </Notice>
    );
  return (
    <>
      <Section title="Add a user">
        <AddUserForm />
      </Section>
      <Section title="Users">
        <QueryView query={users} loading="Loading users…" errorTitle="The users could not be loaded.">
          {(list) => (
            <Table>
              <thead>
                <tr>
                  <Th>Username</Th>
                  <Th>Role</Th>
                  <Th>Status</Th>
                  <Th>Last sign-in</Th>
                  <Th>Created</Th>
                  <Th>Actions</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {list.map((u) => (
                  <UserRow key={u.id} user={u} isSelf={u.id === me.data?.id} />
                ))}
              </tbody>
            </Table>
          )}
        </QueryView>
      </Section>
    </>
  );
}
