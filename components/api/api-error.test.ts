import { describe, expect, it } from 'vitest';
import { errorFromResponse } from './api-error';
import { describeError } from './describe-error';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

describe('errorFromResponse', () => {
  it('reads the envelope: code, message, field messages and request id', async () => {
    const error = await errorFromResponse(
      respond(422, {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid.',
          details: { fields: { name: ['Taken.'] } },
          requestId: 'r-1',
        },
      }),
    );
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Some fields are not valid.',
      requestId: 'r-1',
      fields: { name: ['Taken.'] },
    });
  });

  it('keeps the other details, such as the run a 409 names', async () => {
    const error = await errorFromResponse(
      respond(409, {
        error: {
          code: 'conflict',
          message: 'A backup of pg1 is already running (run r-9); wait for it to finish or cancel it.',
          details: { runId: 'r-9' },
          requestId: 'r',
        },
      }),
    );
    expect(error.details).toEqual({ runId: 'r-9' });
    expect(error.fields).toEqual({});
  });

  it('takes the wait from details or the Retry-After header', async () => {
    const fromDetails = await errorFromResponse(
      respond(429, {
        error: {
          code: 'too_many_requests',
          message: 'Slow down.',
          details: { retryAfterSeconds: 30 },
          requestId: 'r',
        },
      }),
    );
    const fromHeader = await errorFromResponse(
      respond(
        429,
        { error: { code: 'too_many_requests', message: 'Slow down.', requestId: 'r' } },
        { 'retry-after': '12' },
      ),
    );
    expect([fromDetails.retryAfterSeconds, fromHeader.retryAfterSeconds]).toEqual([30, 12]);
  });

  it('explains an answer without an envelope (a proxy error page)', async () => {
    const error = await errorFromResponse(
      respond(502, '<html>Bad gateway</html>', { 'x-request-id': 'r-2' }),
    );
    expect(error.code).toBe('internal');
    expect(error.message).toContain('HTTP 502');
    expect(describeError(error).requestId).toBe('r-2');
  });

  it('shows the request id for server faults only', async () => {
    const internal = await errorFromResponse(
      respond(500, { error: { code: 'internal', message: 'Something went wrong.', requestId: 'r-3' } }),
    );
    const notFound = await errorFromResponse(
      respond(404, { error: { code: 'not_found', message: 'Gone.', requestId: 'r-4' } }),
    );
    expect(describeError(internal).requestId).toBe('r-3');
    expect(describeError(notFound).requestId).toBeNull();
  });
});
