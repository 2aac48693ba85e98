/** Only same-site paths are followed after sign-in, never an absolute or protocol-relative URL. */
export function safeNextPath(next: string | null): string {
  if (
    !next ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.startsWith('/\\') ||
    next.startsWith('/login')
  )
    return '/';
  return next;
}
