'use client';

import { ErrorNotice } from '@/components/ui/feedback';

export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorNotice title="This page failed to display." error={error} onRetry={retry} />;
}
