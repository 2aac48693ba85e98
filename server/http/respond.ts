import { NextResponse } from 'next/server';
import { z } from 'zod';
import { DomainError, isDomainError, type FieldErrors } from '../errors/domain-error';
import type { Logger } from '../log/logger';

/** The one JSON error envelope: `{ error: { code, message, details?, requestId } }`. */
export function errorResponse(error: unknown, requestId: string, log: Logger): NextResponse {
  const domain = toDomainError(error);
  if (domain.code === 'internal') log.error({ err: error, requestId }, 'unexpected error');
  const body = { error: { code: domain.code, message: domain.message, details: domain.details, requestId } };
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (domain.code === 'too_many_requests' && typeof domain.details?.retryAfterSeconds === 'number') {
    headers['retry-after'] = String(domain.details.retryAfterSeconds);
  }
  return NextResponse.json(body, { status: domain.status, headers });
}

function toDomainError(error: unknown): DomainError {
  if (isDomainError(error)) return error;
  if (error instanceof z.ZodError) return DomainError.validation('Some fields are not valid.', zodFieldErrors(error));
  // A stack trace never reaches the browser: the request id is how an admin finds it in the log.
  return new DomainError('internal', 'Something went wrong on the server. Give the request id to your administrator; the details are in the Cellar log.');
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function json(data: unknown, status = 200, requestId?: string): NextResponse {
  return NextResponse.json(data, { status, headers: requestId ? { 'x-request-id': requestId } : undefined });
}
