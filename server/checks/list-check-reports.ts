import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { toCheckReportView, type CheckReportView } from './check-report-view';

export const listCheckReportsQuery = z
  .object({
    name: z.string().min(1).optional(),
    serverId: z.string().uuid().optional(),
    cursor: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => Boolean(q.name) !== Boolean(q.serverId), {
    message: 'Give either the server name or its id.',
    path: ['name'],
  });
export type ListCheckReportsQuery = z.input<typeof listCheckReportsQuery>;

export type ListCheckReportsOutput = {
  latest: CheckReportView | null;
  reports: CheckReportView[];
  nextCursor: string | null;
};

/** A server's check history, newest first, with the latest report apart (the console's headline). */
export async function listCheckReports({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: ListCheckReportsQuery;
}): Promise<ListCheckReportsOutput> {
  const query = listCheckReportsQuery.parse(input);
  const server = await ctx.db.server.findUnique({
    where: query.name ? { name: query.name } : { id: query.serverId },
    select: { id: true },
  });
  if (!server) throw DomainError.notFound('Server', query.name ?? query.serverId ?? '');
  const orderBy = [{ checkedAt: 'desc' as const }, { id: 'desc' as const }];
  const include = { results: true } as const;
  const [latest, rows] = await Promise.all([
    ctx.db.checkReport.findFirst({ where: { serverId: server.id }, orderBy, include }),
    ctx.db.checkReport.findMany({
      where: { serverId: server.id },
      orderBy,
      include,
      take: query.limit + 1,
      ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    }),
  ]);
  const page = rows.slice(0, query.limit);
  return {
    latest: latest ? toCheckReportView(latest) : null,
    reports: page.map(toCheckReportView),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
