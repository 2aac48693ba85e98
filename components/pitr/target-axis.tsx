'use client';

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ActivityLayer, lanes, MarkersLayer, ReachLayer, TicksLayer, type Scale } from './axis-layers';
import { isRecoverable, zoomView, type AxisModel } from './axis-model';
import { formatZoned, zoneName, type Zone } from './target-text';

type Props = {
  model: AxisModel;
  zone: Zone;
  /** Where the current target sits on the axis, when it has a time. */
  selected: number | null;
  onPick: (at: number, precise: boolean) => void;
};

function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) =>
      setWidth(Math.max(320, Math.floor(entry?.contentRect.width ?? 800))),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

const keySteps: Record<string, number> = {
  ArrowLeft: -1_000,
  ArrowRight: 1_000,
  ArrowDown: -1_000,
  ArrowUp: 1_000,
};

/**
 * The recoverable window as a time axis: click or drag to pick a time, or focus it and use the
 * arrow keys (1 s, with Shift 1 min), Page Up/Down (a tenth of the view), Home/End (the ends of
 * what is recoverable). Zoom narrows the view around the chosen time.
 */
export function TargetAxis({ model, zone, selected, onPick }: Props) {
  const { ref, width } = useWidth();
  // Unzoomed, the view follows the window as it grows; zoomed, it stays where the user put it.
  const [zoomedView, setZoomedView] = useState<{ start: number; end: number } | null>(null);
  const view = zoomedView ?? { start: model.start, end: model.end };
  const [hover, setHover] = useState<number | null>(null);
  const dragging = useRef(false);
  const scale: Scale = {
    width,
    start: view.start,
    end: view.end,
    x: (t) => ((t - view.start) / (view.end - view.start)) * width,
  };
  const timeAt = (clientX: number, el: Element) =>
    view.start + ((clientX - el.getBoundingClientRect().left) / width) * (view.end - view.start);
  // Below a second per pixel the pick keeps milliseconds; otherwise whole seconds.
  const precise = (view.end - view.start) / width < 1_000;
  const pick = (at: number) => onPick(precise ? Math.round(at) : Math.round(at / 1000) * 1000, precise);

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    pick(timeAt(e.clientX, e.currentTarget));
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const at = timeAt(e.clientX, e.currentTarget);
    setHover(at);
    if (dragging.current) pick(at);
  };
  const first = model.ranges[0]?.from ?? model.start;
  const last = model.ranges.at(-1)?.to ?? model.end;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = selected ?? last;
    const page = (view.end - view.start) / 10;
    // A time target needs a transaction that ends after it: the last reachable moment is just before the last one.
    const moves: Record<string, number> = {
      PageUp: current + page,
      PageDown: current - page,
      Home: first,
      End: last - 1,
    };
    const step = keySteps[e.key];
    const next = step !== undefined ? current + step * (e.shiftKey ? 60 : 1) : moves[e.key];
    if (next === undefined) return;
    e.preventDefault();
    onPick(
      Math.round(Math.min(model.end, Math.max(model.start, next))),
      e.key === 'Home' || e.key === 'End' || precise,
    );
  };
  const zoom = (factor: number) => {
    const next = zoomView(model, view, factor, selected ?? (view.start + view.end) / 2);
    setZoomedView(next.start <= model.start && next.end >= model.end ? null : next);
  };
  const zoomed = zoomedView !== null;
  const valueText =
    selected === null
      ? 'no time chosen'
      : `${formatZoned(selected, zone, true)} ${zoneName(zone)}${isRecoverable(model, selected) ? '' : ' (not recoverable)'}`;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <Legend />
        <div role="group" aria-label="Zoom the time axis" className="flex gap-1">
          <Button size="sm" onClick={() => zoom(0.25)}>
            Zoom in
          </Button>
          <Button size="sm" onClick={() => zoom(4)} disabled={!zoomed}>
            Zoom out
          </Button>
          <Button size="sm" onClick={() => setZoomedView(null)} disabled={!zoomed}>
            Whole window
          </Button>
        </div>
      </div>
      <div
        ref={ref}
        role="slider"
        tabIndex={0}
        aria-label={`Target time on timeline ${model.timeline}`}
        aria-valuemin={Math.round(model.start)}
        aria-valuemax={Math.round(model.end)}
        aria-valuenow={selected === null ? undefined : Math.round(selected)}
        aria-valuetext={valueText}
        onKeyDown={onKeyDown}
        className="rounded-md border border-zinc-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-zinc-800 dark:bg-zinc-950"
      >
        <svg
          aria-hidden
          width={width}
          height={lanes.height}
          className="block cursor-crosshair touch-none select-none"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={() => (dragging.current = false)}
          onPointerLeave={() => setHover(null)}
        >
          <defs>
            <clipPath id="pitr-axis-clip">
              <rect x={0} y={0} width={width} height={lanes.height} />
            </clipPath>
          </defs>
          <g clipPath="url(#pitr-axis-clip)">
            <ReachLayer model={model} scale={scale} />
            <ActivityLayer model={model} scale={scale} />
            <MarkersLayer model={model} scale={scale} />
            <TicksLayer scale={scale} zone={zone} />
            {hover !== null && !dragging.current ? (
              <Cursor
                x={scale.x(hover)}
                text={formatZoned(hover, zone, precise)}
                className="stroke-zinc-500 dark:stroke-zinc-400"
                width={width}
              />
            ) : null}
            {selected !== null ? (
              <Cursor
                x={Math.min(width - 1, Math.max(1, scale.x(selected)))}
                text={cursorText(selected, view, zone)}
                className="stroke-blue-700 dark:stroke-blue-300"
                width={width}
                strong
              />
            ) : null}
          </g>
        </svg>
      </div>
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Times in {zoneName(zone)}. Click or drag on the axis to choose a time; with the axis focused, the
        arrow keys move it by a second (Shift: a minute). Transactions are counted per WAL segment by the WAL
        index and drawn at the segment’s last commit.
      </p>
    </div>
  );
}

/** The chosen time's label; a target outside the view is pinned to the edge, pointing at it. */
function cursorText(at: number, view: { start: number; end: number }, zone: Zone): string {
  const text = formatZoned(at, zone, true);
  if (at < view.start) return `← target ${text}`;
  if (at > view.end) return `target ${text} →`;
  return text;
}

/** The chosen time (label at the top) or the time under the pointer (label just above the band). */
function Cursor({
  x,
  text,
  className,
  width,
  strong = false,
}: {
  x: number;
  text: string;
  className: string;
  width: number;
  strong?: boolean;
}) {
  const right = x > width - 170;
  return (
    <g className={className}>
      <line
        x1={x}
        x2={x}
        y1={strong ? 0 : lanes.activityTop}
        y2={lanes.ticks - 4}
        strokeWidth={strong ? 2 : 1}
        strokeDasharray={strong ? undefined : '3 2'}
      />
      <text
        x={right ? x - 4 : x + 4}
        y={strong ? lanes.activityTop + 4 : lanes.band - 4}
        textAnchor={right ? 'end' : 'start'}
        className={`text-[11px] ${strong ? 'fill-blue-800 font-semibold dark:fill-blue-200' : 'fill-zinc-700 dark:fill-zinc-300'}`}
        stroke="none"
      >
        {text}
      </text>
    </g>
  );
}

function Legend() {
  const item = (swatch: string, text: string) => (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className={`inline-block size-3 ${swatch}`} />
      {text}
    </span>
  );
  return (
    <p className="flex flex-wrap gap-x-3 gap-y-1">
      {item('rounded-sm bg-emerald-500', 'recoverable')}
      {item('rounded-sm bg-red-600', 'WAL missing')}
      {item('rounded-sm bg-zinc-300 dark:bg-zinc-700', 'not recoverable')}
      {item('rounded-sm bg-sky-500/70', 'transactions')}
      {item('rotate-45 bg-amber-500', 'restore point')}
      {item('[clip-path:polygon(50%_0,100%_100%,0_100%)] bg-blue-700 dark:bg-blue-400', 'backup consistent')}
      {item('border-l-2 border-dashed border-violet-600', 'timeline switch')}
    </p>
  );
}
