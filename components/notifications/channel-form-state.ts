import { alertRuleKinds, type AlertRuleKind, type AlertSeverity } from '@/server/contracts/alerts';
import type { ChannelKind, ChannelView, CreateChannelInput, EmailTls, UpdateChannelInput } from '@/server/contracts/notifications';

/** What the channel form edits, as the inputs hold it (text for numbers and lists). */
export type ChannelFormState = {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  minSeverity: AlertSeverity;
  ruleKinds: AlertRuleKind[];
  notifyResolved: boolean;
  digestSeconds: string;
  url: string;
  secret: string;
  host: string;
  port: string;
  tls: EmailTls;
  username: string;
  password: string;
  from: string;
  to: string;
};

export function emptyChannelForm(): ChannelFormState {
  return { kind: 'webhook', name: '', enabled: true, minSeverity: 'warning', ruleKinds: [], notifyResolved: true, digestSeconds: '60', url: '', secret: '', host: '', port: '587', tls: 'starttls', username: '', password: '', from: '', to: '' };
}

export function channelFormFrom(c: ChannelView): ChannelFormState {
  return {
    ...emptyChannelForm(),
    kind: c.kind,
    name: c.name,
    enabled: c.enabled,
    minSeverity: c.minSeverity,
    ruleKinds: c.ruleKinds.filter((k) => alertRuleKinds.includes(k)),
    notifyResolved: c.notifyResolved,
    digestSeconds: String(c.digestSeconds),
    url: c.webhook?.url ?? '',
    host: c.email?.host ?? '',
    port: String(c.email?.port ?? 587),
    tls: c.email?.tls ?? 'starttls',
    username: c.email?.username ?? '',
    from: c.email?.from ?? '',
    to: c.email?.to.join(', ') ?? '',
  };
}

const list = (text: string) => text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

export function toCreateInput(s: ChannelFormState): CreateChannelInput {
  const routing = { name: s.name.trim(), enabled: s.enabled, minSeverity: s.minSeverity, ruleKinds: s.ruleKinds, notifyResolved: s.notifyResolved, digestSeconds: num(s.digestSeconds) };
  if (s.kind === 'webhook') return { kind: 'webhook', ...routing, url: s.url.trim(), ...(s.secret ? { secret: s.secret } : {}) };
  return { kind: 'email', ...routing, host: s.host.trim(), port: num(s.port), tls: s.tls, ...(s.username.trim() ? { username: s.username.trim() } : {}), ...(s.password ? { password: s.password } : {}), from: s.from.trim(), to: list(s.to) };
}

/** Only what changed: an empty password or secret keeps the stored one. */
export function toUpdateInput(s: ChannelFormState, before: ChannelFormState): UpdateChannelInput {
  const out: UpdateChannelInput = {};
  const next = toCreateInput(s) as Record<string, unknown>;
  const prev = toCreateInput(before) as Record<string, unknown>;
  for (const [key, value] of Object.entries(next)) {
    if (key === 'kind' || JSON.stringify(value) === JSON.stringify(prev[key])) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  if (s.kind === 'email' && !s.username.trim() && before.username) out.username = null;
  return out;
}
