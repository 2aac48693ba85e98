import type { Actor, Ctx } from '../context';
import type { Db, Tx } from '../db/client';
import type { AuditOutcome, Prisma } from '../db/generated/client';
import { scrubDetails } from './scrub-details';

export type AuditEventInput = {
  /** Dotted verb, e.g. `server.create`, `auth.login`. */
  action: string;
  targetType?: string;
  targetId?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
  /** Who acted, when it is not ctx.actor (a login acts as the user who just signed in). */
  actor?: Actor;
};

/** What recording needs from a Ctx; `db` may be a transaction so the event commits with the change. */
export type AuditCtx = Pick<Ctx, 'actor' | 'requestId' | 'ip' | 'userAgent'> & { db: Db | Tx };

/** Appends one row to the audit trail; details are scrubbed of secrets first. */
export async function recordAuditEvent(ctx: AuditCtx, event: AuditEventInput): Promise<void> {
  const actor = event.actor ?? ctx.actor;
  await ctx.db.auditEvent.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      ip: ctx.ip ?? null,
      userAgent: ctx.userAgent ?? null,
      requestId: ctx.requestId,
      details: event.details ? (scrubDetails(event.details) as Prisma.InputJsonObject) : undefined,
    },
  });
}
