import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorNotice, Loading } from './feedback';

type Props<T> = {
  query: Pick<UseQueryResult<T>, 'data' | 'error' | 'isPending' | 'refetch'>;
  loading: string;
  errorTitle: string;
  children: (data: T) => ReactNode;
};

/**
 * Loading, error and data for one query. A failed background refresh keeps the data on screen
 * and says that it may be stale, instead of blanking a page someone is watching.
 */
export function QueryView<T>({ query, loading, errorTitle, children }: Props<T>) {
  if (query.data !== undefined) {
    return (
      <>
        {query.error ? (
          <ErrorNotice title="Live updates failed; what you see may be out of date." error={query.error} />
        ) : null}
        {children(query.data)}
      </>
    );
  }
  if (query.error)
    return <ErrorNotice title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  return <Loading label={loading} />;
}
