'use client';

import { useState } from 'react';
import type { ChannelView } from '@/server/contracts/notifications';
import { useChannels, useCreateChannel, useDeleteChannel, useUpdateChannel } from '@/components/api/use-notifications';
import { useCan } from '@/components/auth/roles';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, Notice } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Table, Th } from '@/components/ui/table';
import { ChannelForm } from './channel-form';
import { channelFormFrom, emptyChannelForm, toCreateInput, toUpdateInput } from './channel-form-state';
import { ChannelRow } from './channel-row';
import { DeliveriesTable } from './deliveries-table';
import { SecretReveal } from './secret-reveal';

export function NotificationsAdmin() {
  const isAdmin = useCan('admin');
  if (!isAdmin) return <Notice>Only an admin manages notification channels.</Notice>;
  return <ChannelsAdmin />;
}

function ChannelsAdmin() {
  const channels = useChannels();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const [formKey, setFormKey] = useState(0);
  const [secret, setSecret] = useState<{ channel: string; secret: string } | null>(null);
  const [editing, setEditing] = useState<ChannelView | null>(null);
  const [deleting, setDeleting] = useState<ChannelView | null>(null);
  const [rotating, setRotating] = useState<ChannelView | null>(null);
  const reveal = (channel: string, value: string | null) => value && setSecret({ channel, secret: value });
  return (
    <>
      {secret ? <SecretReveal channel={secret.channel} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      <Section title="Channels">
        <QueryView query={channels} loading="Loading channels…" errorTitle="The channels could not be loaded.">
          {(list) =>
            list.length ? (
              <Table aria-label="Notification channels">
                <thead>
                  <tr>
                    <Th>Name</Th>
                    <Th>Sends to</Th>
                    <Th>Takes</Th>
                    <Th>Health</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                  {list.map((c) => (
                    <ChannelRow
                      key={c.id}
                      channel={c}
                      actions={{
                        onEdit: () => setEditing(c),
                        onRotate: () => setRotating(c),
                        onDelete: () => setDeleting(c),
                      }}
                    />
                  ))}
                </tbody>
              </Table>
            ) : (
              <EmptyState title="No channel yet">
                <p>Alerts are in the console either way; add a webhook or an email channel to be told.</p>
              </EmptyState>
            )
          }
        </QueryView>
      </Section>
      {editing ? (
        <Section title={`Edit ${editing.name}`}>
          <ChannelForm
            key={editing.id}
            mode="edit"
            initial={channelFormFrom(editing)}
            busy={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(state) => update.mutate({ id: editing.id, ...toUpdateInput(state, channelFormFrom(editing)) }, { onSuccess: () => setEditing(null) })}
          />
        </Section>
      ) : (
        <Section title="Add a channel">
          <ChannelForm
            key={formKey}
            mode="create"
            initial={emptyChannelForm()}
            busy={create.isPending}
            error={create.error}
            onSubmit={(state) =>
              create.mutate(toCreateInput(state), {
                onSuccess: (r) => {
                  reveal(r.channel.name, r.signingSecret);
                  setFormKey((k) => k + 1);
                },
              })
            }
          />
        </Section>
      )}
      <Section title="Recent notifications">
        <DeliveriesTable />
      </Section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the channel ${deleting?.name ?? ''}?`}
        confirmLabel="Delete channel"
        busy={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        <p>Notifications waiting for it are dropped; alerts themselves stay in the history.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={rotating !== null}
        title={`Rotate the signing secret of ${rotating?.name ?? ''}?`}
        confirmLabel="Rotate secret"
        busy={update.isPending}
        error={update.error}
        onClose={() => setRotating(null)}
        onConfirm={() =>
          rotating &&
          update.mutate(
            { id: rotating.id, rotateSecret: true },
            {
              onSuccess: (r) => {
                setRotating(null);
                reveal(r.channel.name, r.signingSecret);
              },
            },
          )
        }
      >
        <p>The receiver rejects Cellar’s requests until it has the new secret, which is shown once.</p>
      </ConfirmDialog>
    </>
  );
}
