'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useDeleteServer } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Section } from '@/components/ui/page-header';

/** Admin only; the confirmation names the server and asks for it to be typed. */
export function DeleteServer({ name }: { name: string }) {
  const canDelete = useCan('admin');
  const router = useRouter();
  const remove = useDeleteServer(name);
  const [open, setOpen] = useState(false);
  if (!canDelete) return null;
  return (
    <Section title="Danger zone">
      <div className="rounded-lg border border-red-300 p-4 dark:border-red-800">
        <p className="mb-3 text-sm">
          Deleting removes <strong>{name}</strong> from Cellar&apos;s registry. Cellar refuses while backups
          or WAL of this server are still in the catalog.
        </p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete server…
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        title={`Delete server ${name}?`}
        confirmLabel={`Delete ${name}`}
        typeToConfirm={name}
        busy={remove.isPending}
        error={remove.error}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push('/') })}
      >
        <p>
          The server <strong>{name}</strong>, its settings and check history will be removed. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </Section>
  );
}
