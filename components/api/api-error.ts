import { z } from 'zod';

/** The server's JSON error envelope (server/http/respond.ts); anything else is read defensively. */
const envelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z
      .object({
        fields: z.record(z.string(), z.array(z.string())).optional(),
        retryAfterSeconds: z.number().optional(),
      })
      .loose()
      .nullish(),
  }),
});

export type FieldMessages = Record<string, string[]>;

/** What the console knows of a failed request: enough to tell the user what to do next. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldMessages;
  readonly retryAfterSeconds: number | null;
  /** The envelope's other details, e.g. the `runId` a 409 names when a backup is already running. */
  readonly details: Record<string, unknown>;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    requestId?: string | null;
    fields?: FieldMessages;
    retryAfterSeconds?: number | null;
    details?: Record<string, unknown>;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.fields = init.fields ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.details = init.details ?? {};
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id');
  const retryHeader = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
  const body: unknown = await res.json().catch(() => null);
  const parsed = envelopeSchema.safeParse(body);
  if (parsed.success) {
    const { error } = parsed.data;
    return new ApiError({
      status: res.status,
      code: error.code,
      message: error.message,
      requestId: error.requestId ?? requestId,
      fields: error.details?.fields,
      retryAfterSeconds: error.details?.retryAfterSeconds ?? retryAfter,
      details: error.details ?? undefined,
    });
  }
  return new ApiError({
    status: res.status,
    code: res.status >= 500 ? 'internal' : 'bad_response',
    message: `The server answered HTTP ${res.status} ${res.statusText} without an explanation. Try again; if it persists, check that the Cellar web process is running.`,
    requestId,
    retryAfterSeconds: retryAfter,
  });
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return new ApiError({
    status: 0,
    code: 'network',
    message: `Cannot reach the Cellar server${detail}. Check your network connection and that Cellar is running; the console retries by itself.`,
  });
}
