import { usePathname, useSearchParams } from 'next/navigation';

/**
 * Filters kept in the URL so a filtered view survives a reload and can be shared. The URL is
 * changed with the History API, which Next's useSearchParams follows: no server round trip per
 * click (router.replace re-rendered the page on the server and cost half a second with a large
 * catalog). Callers must sit inside a <Suspense> boundary (useSearchParams).
 */
export function useUrlFilters<K extends string>(
  keys: readonly K[],
): [Partial<Record<K, string>>, (next: Partial<Record<K, string>>) => void] {
  const search = useSearchParams();
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
    window.history.replaceState(null, '', query ? `${pathname}?${query}` : pathname);
  };
  return [values, set];
}
