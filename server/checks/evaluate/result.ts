import type { CheckResult } from '../types';

export function ok(name: string, hint?: string, perfdata?: Record<string, number>): CheckResult {
  return { name, status: 'OK', ...(hint ? { hint } : {}), ...(perfdata ? { perfdata } : {}) };
}

export function failed(name: string, hint?: string, perfdata?: Record<string, number>): CheckResult {
  return { name, status: 'FAILED', ...(hint ? { hint } : {}), ...(perfdata ? { perfdata } : {}) };
}

export const unreachableHint = 'PostgreSQL is unreachable';
