import { usePathname, useRouter, useSearchParams } from 'next/navigation';

/**
 * Filters kept in the URL so a filtered view survives a reload and can be shared. Callers must
 * sit inside a <Suspense> boundary (useSearchParams).
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>>, (next: Partial<Record<K, string>>) => void] {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = search.get(key);
    if (value) values[key] = value;
  }
  const set = (next: Partial<Record<K, string>>) => {
    const params = new URLSearchParams();
    for (const key of keys) {
      const value = next[key];
      if (value) params.set(key, value);
    }
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return [values, set];
}
