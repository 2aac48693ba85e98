import { exactTime } from '@/components/format/format-time';
import { formatZoned, zoneName, type Zone } from './target-text';

/** A moment in the wizard's chosen zone, to the millisecond; UTC and local time on hover. */
export function ZonedTime({ iso, zone }: { iso: string | null | undefined; zone: Zone }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)} className="tabular-nums">
      {formatZoned(Date.parse(iso), zone, true)} {zone === 'utc' ? 'UTC' : zoneName('local')}
    </time>
  );
}
