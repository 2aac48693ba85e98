import type { NextResponse } from 'next/server';
import { env } from '../config/env';
import { sessionCookie } from './authenticate';

// httpOnly: no script can read it; SameSite=Lax: not sent on cross-site POSTs.
export function setSessionCookie(res: NextResponse, token: string, expires: Date): void {
  res.cookies.set(sessionCookie, token, { httpOnly: true, sameSite: 'lax', secure: env().CELLAR_SECURE_COOKIES === '1', path: '/', expires });
}

export function clearSessionCookie(res: NextResponse): void {
  res.cookies.set(sessionCookie, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 });
}
