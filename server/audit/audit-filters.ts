import { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import { parseInput } from '../auth/parse-input';

// Filters arrive as query-string values: an empty `?actor=` means "no filter", not "actor ''".
const text = (max: number) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .trim()
      .max(max, { message: `Use at most ${max} characters.` })
      .optional(),
  );
const instant = (what: string) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.coerce.date({ message: `${what} must be a date and time, e.g. 2026-11-28T09:00:00Z.` }).optional(),
  );

export const auditFiltersSchema = z
  .object({
    /** A user name; also matches that user's API tokens (`alice/ci`). */
    actor: text(200),
    /** An action or a prefix of one: `server` matches `server.create`, `server.delete`, … */
    action: text(100),
    targetType: text(100),
    targetId: text(200),
    outcome: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .enum(['success', 'failure', 'denied'], { message: 'Outcome must be success, failure or denied.' })
        .optional(),
    ),
    from: instant('From'),
    to: instant('To'),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'From must not be after To.', path: ['to'] });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

export function parseAuditFilters(input: unknown): AuditFilters {
  return parseInput(auditFiltersSchema, input ?? {}, 'Some audit filters are not valid.');
}

export function auditWhere(f: AuditFilters): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (f.actor) and.push({ OR: [{ actorName: f.actor }, { actorName: { startsWith: `${f.actor}/` } }] });
  // `server` means the whole family (`server.*`) but not `servers.x`; `server.create` means itself.
  if (f.action) {
    const family = f.action.endsWith('.') ? f.action : `${f.action}.`;
    and.push({ OR: [{ action: f.action }, { action: { startsWith: family } }] });
  }
  if (f.targetType) and.push({ targetType: f.targetType });
  if (f.targetId) and.push({ targetId: f.targetId });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  return { AND: and };
}
