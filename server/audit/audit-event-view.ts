import type { AuditEvent } from '../db/generated/client';

/** An audit row as the API returns it: JSON-safe (the bigint id as a string of digits). */
export type AuditEventView = {
  id: string;
  at: string;
  actorType: AuditEvent['actorType'];
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditEvent['outcome'];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
};

export function toAuditEventView(e: AuditEvent): AuditEventView {
  return {
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    details: e.details,
  };
}
