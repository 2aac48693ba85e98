// Prisma reports constraint violations by code; P2002 is a unique constraint.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error).code === 'P2002';
}

export function isForeignKeyViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error).code === 'P2003';
}
