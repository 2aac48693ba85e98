import type { CheckResult } from './types';
import type { ServerCheckResults } from './format-nagios';

export type CheckJson = Record<string, Record<string, { status: 'OK' | 'FAILED'; hint: string }>>;

/** Barman's JsonOutputWriter._mangle_key: lower-case, spaces and "-" become "_", "." is dropped. */
export function mangleCheckName(name: string): string {
  return name.toLowerCase().replaceAll(' ', '_').replaceAll('-', '_').replaceAll('.', '');
}

/** `barman -f json check`: `{ srv: { postgresql_streaming: { status: "OK", hint: "" } } }`. */
export function formatCheckJson(input: ServerCheckResults | ServerCheckResults[]): CheckJson {
  const servers = Array.isArray(input) ? input : [input];
  const out: CheckJson = {};
  for (const { server, results } of servers)
    out[server] = Object.fromEntries(
      results.map((r: CheckResult) => [mangleCheckName(r.name), { status: r.status, hint: r.hint ?? '' }]),
    );
  return out;
}
