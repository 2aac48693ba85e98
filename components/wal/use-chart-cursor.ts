import { useState, type KeyboardEvent } from 'react';
import type { WalTimelineBucket } from '@/server/contracts/wal';

/**
 * The bucket under the pointer or chosen with the keyboard: arrows move one bucket, Home and
 * End jump to the ends; focusing the chart starts on the newest bucket.
 */
export function useChartCursor(buckets: WalTimelineBucket[], bucketMs: number, msAt: (clientX: number, rect: DOMRect) => number) {
  const [cursor, setCursor] = useState<number | null>(null);
  const last = buckets.length - 1;
  const onKeyDown = (e: KeyboardEvent) => {
    if (last < 0) return;
    const step: Record<string, (c: number) => number> = {
      ArrowLeft: (c) => c - 1,
      ArrowRight: (c) => c + 1,
      Home: () => 0,
      End: () => last,
    };
    const move = step[e.key];
    if (!move) return;
    e.preventDefault();
    setCursor((c) => Math.min(last, Math.max(0, move(c ?? last))));
  };
  const onPointer = (clientX: number, rect: DOMRect) => {
    const ms = msAt(clientX, rect);
    const index = buckets.findIndex((b) => ms >= Date.parse(b.start) && ms < Date.parse(b.start) + bucketMs);
    setCursor(index >= 0 ? index : null);
  };
  return {
    cursor,
    handlers: {
      onKeyDown,
      onFocus: () => setCursor((c) => c ?? (last >= 0 ? last : null)),
      onBlur: () => setCursor(null),
      onMouseMove: (e: { clientX: number; currentTarget: Element }) => onPointer(e.clientX, e.currentTarget.getBoundingClientRect()),
      onMouseLeave: () => setCursor(null),
    },
  };
}
