// The CLI's only way into Cellar: the HTTP API with an API token, like any other client. Errors
// carry the API's own message (what was wrong and what to do) and an exit code.

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export type ApiClient = {
  readonly baseUrl: string;
  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** A plain-text endpoint (Nagios output) with its headers. */
  text(path: string): Promise<{ text: string; headers: Headers }>;
};

export function createApiClient(baseUrl: string, token: string, timeoutMs = 60_000): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(
        `Cannot reach Cellar at ${base} (${reason}). Is it running? Set --url or CELLAR_URL.`,
      );
    }
    if (!response.ok) throw new CliError(await errorMessage(response));
    return response;
  };
  return {
    baseUrl: base,
    async get<T>(path: string, query: Record<string, string | number | undefined> = {}) {
      const search = new URLSearchParams(
        Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
      );
      const suffix = search.size ? `?${search.toString()}` : '';
      return (await (await call('GET', `${path}${suffix}`)).json()) as T;
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
      const response = await call(method, path, body);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    async text(path: string) {
      const response = await call('GET', path);
      return { text: await response.text(), headers: response.headers };
    },
  };
}

async function errorMessage(response: Response): Promise<string> {
  const hint = response.status === 401 ? ' Check the API token (Settings → API tokens).' : '';
  try {
    const body = (await response.json()) as {
      error?: { message?: string; details?: Record<string, string[]> };
    };
    const details = Object.entries(body.error?.details ?? {})
      .map(
        ([field, messages]) =>
          `  ${field}: ${Array.isArray(messages) ? messages.join('; ') : String(messages)}`,
      )
      .join('\n');
    return `${body.error?.message ?? `HTTP ${response.status}`}${hint}${details ? `\n${details}` : ''}`;
  } catch {
    return `HTTP ${response.status}${hint}`;
  }
}

/** `/api/servers/<name>/…` with every segment escaped. */
export function apiPath(...segments: string[]): string {
  return `/api/${segments.map(encodeURIComponent).join('/')}`;
}
