'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ServerView } from '@/server/contracts/servers';
import { useCreateServer, useUpdateServer } from '@/components/api/use-servers';
import { Button, ButtonLink } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { BackupsSection } from './backups-section';
import { ConnectionSection } from './connection-section';
import { emptyForm, formFromServer, type FormState } from './form-state';
import { FormProblems } from './form-problems';
import { RetentionSection } from './retention-section';
import { SshSection } from './ssh-section';
import { isFieldShownInline, useServerFormState } from './use-server-form';
import { validateCreate, validateUpdate } from './validate';
import { WalSection } from './wal-section';

type Props = { server?: ServerView; readOnly?: boolean };

/** The registry form: create when no server is given, edit (PATCH of the changes) otherwise. */
export function ServerForm({ server, readOnly = false }: Props) {
  const router = useRouter();
  const state = useServerFormState(() => (server ? formFromServer(server) : emptyForm()));
  const create = useCreateServer();
  const update = useUpdateServer(server?.name ?? '');
  const mutation = server ? update : create;
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (focusError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusError]);

  const fail = (errors: Record<string, string[]>) => {
    state.setErrors(errors);
    setFocusError((n) => n + 1);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setOutcome(null);
    mutation.reset();
    if (server) submitUpdate(state.form, state.base);
    else submitCreate(state.form);
  };

  const submitCreate = (form: FormState) => {
    const { input, errors } = validateCreate(form);
    if (Object.keys(errors).length) return fail(errors);
    create.mutate(input, {
      onSuccess: (created) => router.push(`/servers/${created.name}`),
      onError: (error) => {
        state.showServerError(error, true);
        setFocusError((n) => n + 1);
      },
    });
  };

  const submitUpdate = (form: FormState, base: FormState) => {
    const { input, errors } = validateUpdate(form, base);
    if (Object.keys(errors).length) return fail(errors);
    if (!Object.keys(input).length) return setOutcome('unchanged');
    update.mutate(input, {
      onSuccess: (saved) => {
        state.reset(formFromServer(saved));
        setOutcome('saved');
      },
      onError: (error) => {
        state.showServerError(error, false);
        setFocusError((n) => n + 1);
      },
    });
  };

  const sectionProps = { form: state.form, set: state.set, errors: state.errors, server };
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
      {readOnly ? <Notice>Your role can read these settings but not change them.</Notice> : null}
      <fieldset disabled={readOnly} className="space-y-6">
        <ConnectionSection {...sectionProps} />
        <SshSection {...sectionProps} />
        <BackupsSection {...sectionProps} />
        <RetentionSection {...sectionProps} />
        <WalSection {...sectionProps} />
      </fieldset>
      {mutation.error && !isFieldShownInline(mutation.error, !server) ? (
        <ErrorNotice
          title={server ? 'The changes were not saved.' : 'The server was not added.'}
          error={mutation.error}
        />
      ) : null}
      <FormProblems errors={state.errors} />
      {outcome === 'saved' ? <Notice tone="success">Changes saved.</Notice> : null}
      {outcome === 'unchanged' ? <Notice>Nothing changed, so there was nothing to save.</Notice> : null}
      {readOnly ? null : (
        <div className="flex gap-2">
          <Button type="submit" variant="primary" busy={mutation.isPending}>
            {server ? 'Save changes' : 'Add server'}
          </Button>
          <ButtonLink href={server ? `/servers/${server.name}` : '/'} variant="ghost">
            Cancel
          </ButtonLink>
        </div>
      )}
    </form>
  );
}
