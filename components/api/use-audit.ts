import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson, toQueryString } from './fetch-json';
import { queryKeys } from './query-keys';
import type { AuditEventView, AuditFilters } from './types';

type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

export function useAuditEvents(filters: AuditFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit(filters), limit] as const,
    queryFn: ({ pageParam, signal }) =>
      fetchJson<AuditPage>(`/api/audit${toQueryString({ ...filters, cursor: pageParam, limit })}`, {
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The CSV download: same filters, no paging (the server streams every matching event). */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/audit/export${toQueryString(filters)}`;
}
