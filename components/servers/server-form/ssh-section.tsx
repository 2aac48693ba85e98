'use client';

import { TextField } from '@/components/ui/field';
import { Group } from './group';
import { help } from './help-text';
import { SecretField } from './secret-field';
import type { SectionProps } from './section-props';

export function SshSection({ form, set, errors, server }: SectionProps) {
  return (
    <Group
      legend="SSH"
      description="Needed by the ssh backup method and to restore onto the PostgreSQL host. Leave empty for a postgres-method server."
    >
      <TextField
        className="md:col-span-2"
        label="SSH target"
        name="sshTarget"
        placeholder="postgres@pg1"
        spellCheck={false}
        value={form.sshTarget}
        errors={errors.sshTarget}
        help={help.sshTarget}
        onChange={(e) => set('sshTarget', e.target.value)}
      />
      <SecretField
        name="sshPrivateKey"
        label="SSH private key"
        multiline
        help={help.sshPrivateKey}
        isSet={server?.hasSshKey}
        state={form.sshPrivateKey}
        errors={errors.sshPrivateKey}
        onChange={(v) => set('sshPrivateKey', v)}
      />
      <SecretField
        name="sshPassword"
        label="SSH password"
        help={help.sshPassword}
        isSet={server?.hasSshPassword}
        state={form.sshPassword}
        errors={errors.sshPassword}
        onChange={(v) => set('sshPassword', v)}
      />
      {server?.sshHostKey ? (
        <div className="md:col-span-2">
          <p className="text-sm font-medium">Pinned host key</p>
          <p className="font-mono text-xs break-all">{server.sshHostKey}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Recorded at the first connection; a different key is refused.
          </p>
        </div>
      ) : null}
    </Group>
  );
}
