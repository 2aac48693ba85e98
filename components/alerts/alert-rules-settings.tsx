'use client';

import { useState } from 'react';
import { alertSeverities, type AlertRuleView, type AlertSeverity } from '@/server/contracts/alerts';
import { isApiError } from '@/components/api/api-error';
import { useAlertRules, useUpdateAlertRule } from '@/components/api/use-alerts';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import { QueryView } from '@/components/ui/query-view';

const severityOptions = alertSeverities.map((s) => ({ value: s, label: s }));

/** Every rule: what it watches, on or off, severity and thresholds; admins change them. */
export function AlertRulesSettings() {
  const rules = useAlertRules();
  const canEdit = useCan('admin');
  return (
    <QueryView query={rules} loading="Loading alert rules…" errorTitle="The alert rules could not be loaded.">
      {(list) => (
        <ul className="space-y-3" aria-label="Alert rules">
          {list.map((rule) => (
            <RuleItem key={`${rule.kind}-${rule.updatedAt ?? ''}`} rule={rule} canEdit={canEdit} />
          ))}
        </ul>
      )}
    </QueryView>
  );
}

function RuleItem({ rule, canEdit }: { rule: AlertRuleView; canEdit: boolean }) {
  const update = useUpdateAlertRule();
  const [enabled, setEnabled] = useState(rule.enabled);
  const [severity, setSeverity] = useState<AlertSeverity>(rule.severity);
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(rule.params.map((p) => [p.name, String(rule.values[p.name] ?? p.default)])));
  const errors = isApiError(update.error) ? update.error.fields : {};
  const save = () => update.mutate({ kind: rule.kind, enabled, severity, ...(rule.params.length ? { params: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)])) } : {}) });
  return (
    <li className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" aria-label={rule.title}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <p className="font-semibold">{rule.title}</p>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{rule.description}</p>
          {rule.updatedBy ? <p className="mt-1 text-xs text-zinc-500">Last changed by {rule.updatedBy}.</p> : null}
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <CheckboxField label="Enabled" checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} />
          <SelectField label="Severity" options={severityOptions} value={severity} disabled={!canEdit} onChange={(e) => setSeverity(e.target.value as AlertSeverity)} />
          {rule.params.map((p) => (
            <TextField key={p.name} label={`${p.label} (${p.unit})`} inputMode="decimal" className="w-44" value={values[p.name] ?? ''} disabled={!canEdit} errors={errors[`params.${p.name}`]} onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))} />
          ))}
          {canEdit ? (
            <Button size="sm" variant="primary" busy={update.isPending} onClick={save} aria-label={`Save ${rule.title}`}>
              Save
            </Button>
          ) : null}
        </div>
      </div>
      {update.isSuccess ? <p role="status" className="mt-2 text-sm text-green-800 dark:text-green-300">Saved; the next evaluation uses it.</p> : null}
      {update.error && !Object.keys(errors).length ? <ErrorNotice error={update.error} /> : null}
    </li>
  );
}
