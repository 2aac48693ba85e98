import { describe, expect, it } from 'vitest';
import type { ChannelView } from '@/server/contracts/notifications';
import { channelFormFrom, emptyChannelForm, toCreateInput, toUpdateInput } from './channel-form-state';

const email: ChannelView = {
  id: 'c1', name: 'ops mail', kind: 'email', enabled: true, minSeverity: 'warning', ruleKinds: [], notifyResolved: true, digestSeconds: 60, webhook: null,
  email: { host: 'smtp.example.com', port: 587, tls: 'starttls', username: 'cellar', from: 'cellar@example.com', to: ['a@example.com', 'b@example.com'] },
  secretSet: true, lastSuccessAt: null, lastFailureAt: null, lastError: null, consecutiveFailures: 0, healthy: true, pendingDeliveries: 0, createdAt: '2026-12-06T00:00:00Z',
};

describe('channel form state', () => {
  it('builds a create input: lists split, numbers parsed, empty secrets left out', () => {
    const s = { ...emptyChannelForm(), kind: 'email' as const, name: ' ops ', host: 'smtp', port: '25', tls: 'none' as const, from: 'c@x.org', to: 'a@x.org, b@x.org;c@x.org' };
    expect(toCreateInput(s)).toEqual({ kind: 'email', name: 'ops', enabled: true, minSeverity: 'warning', ruleKinds: [], notifyResolved: true, digestSeconds: 60, host: 'smtp', port: 25, tls: 'none', from: 'c@x.org', to: ['a@x.org', 'b@x.org', 'c@x.org'] });
    expect(toCreateInput({ ...emptyChannelForm(), name: 'hook', url: 'https://h.example/x' })).toEqual(expect.not.objectContaining({ secret: expect.anything() as unknown }));
  });

  it('sends only what changed, keeps stored secrets unless a new one is typed, clears a removed username', () => {
    const before = channelFormFrom(email);
    expect(toUpdateInput(before, before)).toEqual({});
    expect(toUpdateInput({ ...before, digestSeconds: '0', to: 'a@example.com' }, before)).toEqual({ digestSeconds: 0, to: ['a@example.com'] });
    expect(toUpdateInput({ ...before, password: 'new' }, before)).toEqual({ password: 'new' });
    expect(toUpdateInput({ ...before, username: '' }, before)).toEqual({ username: null });
    expect(Number.isNaN((toUpdateInput({ ...before, port: '' }, before) as { port: number }).port)).toBe(true);
  });
});
