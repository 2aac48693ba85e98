import { NextResponse } from 'next/server';
import { db } from '@/server/db/client';

// Liveness for load balancers and the quick start: answers 200 once the catalog answers.
export async function GET(): Promise<NextResponse> {
  try {
    await db().$queryRaw`SELECT 1`;
    return NextResponse.json({ status: 'ok' });
  } catch {
    return NextResponse.json({ status: 'catalog unreachable' }, { status: 503 });
  }
}
