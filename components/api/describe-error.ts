import { isApiError } from './api-error';

export type ErrorDescription = { message: string; hint: string | null; requestId: string | null };

/** The server's message plus what to do about it, for every kind of failure the console can meet. */
export function describeError(error: unknown): ErrorDescription {
  if (!isApiError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      message,
      hint: 'Reload the page; if it happens again, report it with the time it occurred.',
      requestId: null,
    };
  }
  const showId = error.status >= 500 || error.status === 0 ? error.requestId : null;
  return {
    message: error.message,
    hint: hintFor(error.status, error.retryAfterSeconds),
    requestId: showId ?? null,
  };
}

function hintFor(status: number, retryAfter: number | null): string | null {
  switch (status) {
    case 401:
      return 'Sign in again to continue.';
    case 403:
      return 'Your role does not allow this. Ask a Cellar administrator if you need it.';
    case 404:
      return 'It may have been deleted or renamed. Go back to the list and pick it again.';
    case 422:
      return 'Correct the fields marked below and submit again.';
    case 429:
      return retryAfter
        ? `Wait ${retryAfter} seconds before trying again.`
        : 'Wait a little before trying again.';
    case 503:
      return 'A service Cellar depends on (its database or queue) is unavailable. Try again in a minute; if it persists, check the Cellar services.';
    default:
      return status >= 500
        ? 'Try again. If it keeps failing, give the request id to your administrator.'
        : null;
  }
}
