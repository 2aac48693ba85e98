import { randomUUID } from 'node:crypto';
import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import type { Role } from '../db/generated/enums';
import { db } from '../db/client';
import { logger } from '../log/logger';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Ctx } from '../context';
import { authenticate } from './authenticate';
import { clientAddress } from './client-address';
import { errorResponse, json } from './respond';

type RouteContext = { params: Promise<Record<string, string | string[]>> };

type Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  /** Minimum role; 'public' for the login endpoint only. */
  auth: Role | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /** HTTP status of a successful answer (201 for creations). */
  status?: number;
  /** Also accept the WAL archive token of the server named by the `name` path parameter. */
  walArchiveToken?: boolean;
};

type HandlerArgs<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  ctx: Ctx;
  req: NextRequest;
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
};

const empty = z.object({});
const passwordChangePaths = ['/api/auth/password', '/api/auth/me', '/api/auth/logout'];

/**
 * Every route handler goes through here (conventions: one wrapper, one error envelope): request
 * id, authentication, the role check — enforced on the server, whatever the UI shows — input
 * parsed with zod (422 with field messages), then one verb, then JSON.
 */
export function route<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(
  spec: Spec<P, Q, B>,
  handler: (args: HandlerArgs<P, Q, B>) => Promise<unknown>,
): (req: NextRequest, context: RouteContext) => Promise<NextResponse> {
  return async (req, context) => {
    const requestId = randomUUID();
    const log = logger.child({ requestId });
    try {
      const params = parse(spec.params ?? empty, (await context?.params) ?? {}, 'path');
      const walArchiveServer = spec.walArchiveToken ? (params as { name?: string }).name : undefined;
      const ctx = await buildContext(req, spec.auth, requestId, walArchiveServer);
      assertSameOrigin(req);
      const query = parse(spec.query ?? empty, Object.fromEntries(req.nextUrl.searchParams), 'query');
      const body = spec.body ? parse(spec.body, await readJson(req), 'body') : {};
      const result = await handler({ ctx, req, params, query, body } as HandlerArgs<P, Q, B>);
      if (result instanceof Response) return result as NextResponse;
      return json(result ?? { ok: true }, spec.status ?? 200, requestId);
    } catch (error) {
      return errorResponse(error, requestId, log);
    }
  };
}

async function buildContext(req: NextRequest, auth: Role | 'public', requestId: string, walArchiveServer?: string): Promise<Ctx> {
  const base = { db: db(), requestId, ip: clientAddress(req), userAgent: req.headers.get('user-agent') ?? undefined, log: logger.child({ requestId }) };
  if (auth === 'public') return { ...base, actor: { type: 'user', id: null, name: 'anonymous', role: 'viewer' } };
  const who = await authenticate(base.db, req, { walArchiveServer });
  if (!who) throw new DomainError('unauthenticated', 'You are not signed in, or your session has expired. Sign in again.');
  const ctx = { ...base, actor: who.actor };
  // A temporary password (first admin, admin reset) is good for choosing a new one and nothing else.
  if (who.mustChangePassword && !passwordChangePaths.includes(req.nextUrl.pathname)) {
    throw new DomainError('forbidden', 'Choose a new password first (Settings → Password); your current one is temporary.');
  }
  try {
    requireRole(who.actor, auth);
  } catch (error) {
    if (!['GET', 'HEAD'].includes(req.method)) {
      await recordAuditEvent(ctx, { action: `${req.method} ${req.nextUrl.pathname}`, outcome: 'denied', details: { required: auth } });
    }
    throw error;
  }
  return ctx;
}

// Cookies are SameSite=Lax; on top of that a state-changing request must come from our own origin.
function assertSameOrigin(req: NextRequest): void {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const origin = req.headers.get('origin');
  if (!origin || req.headers.get('authorization')) return;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  if (new URL(origin).host !== host) throw new DomainError('forbidden', 'Cross-site requests are refused.');
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (where === 'path') throw new DomainError('not_found', 'No such resource.');
  throw parsed.error;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('bad_request', 'The request body is not valid JSON.');
  }
}
