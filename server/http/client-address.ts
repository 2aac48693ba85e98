import type { NextRequest } from 'next/server';

// Cellar's web server (bin/cellar-web.ts) overwrites this header with the socket's address, so
// a client cannot forge it. Behind a reverse proxy, set CELLAR_TRUST_PROXY=1 to use X-Forwarded-For.
export const clientAddressHeader = 'x-cellar-client-address';

export function clientAddress(req: NextRequest): string | undefined {
  if (process.env.CELLAR_TRUST_PROXY === '1') {
    const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.headers.get(clientAddressHeader) ?? undefined;
}
