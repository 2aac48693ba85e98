import type { WalStatusView } from '@/server/contracts/wal';
import { Notice } from '@/components/ui/feedback';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { Age, Bytes, Count, Time } from '@/components/ui/values';

/** The archive at a glance: its timelines, the last file per channel, holes, refused files. */
export function WalArchiveFacts({ status: s }: { status: WalStatusView }) {
  return (
    <div className="space-y-6">
      {s.errorFiles.length ? (
        <div role="alert" className="rounded-md border-2 border-red-600 bg-red-50 p-3 text-sm text-red-950 dark:bg-red-950/50 dark:text-red-50">
          <p className="font-semibold">
            {s.errorFiles.length} WAL file{s.errorFiles.length === 1 ? ' was' : 's were'} refused and kept aside in the server&apos;s errors directory.
          </p>
          <p className="mt-1">
            A different file arrived under a name already archived. Compare it with the archived one before deleting it; the <code>archiver errors</code> check fails until the
            directory is empty.
          </p>
          <ul className="mt-2 list-inside list-disc font-mono text-xs">
            {s.errorFiles.slice(0, 10).map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="wal-timelines">
          <h3 id="wal-timelines" className="mb-2 font-semibold">
            Timelines
          </h3>
          {s.timelines.length ? (
            <Table>
              <thead>
                <tr>
                  <Th>Timeline</Th>
                  <Th>First segment</Th>
                  <Th>Last segment</Th>
                  <Th className="text-right">Segments</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {s.timelines.map((t) => (
                  <tr key={t.timeline} className={rowClass}>
                    <Td>{t.timeline}</Td>
                    <Td className="font-mono text-xs">{t.first}</Td>
                    <Td className="font-mono text-xs">{t.last}</Td>
                    <Td className="text-right">
                      <Count value={t.segments} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No segment archived yet.</p>
          )}
        </section>
        <section aria-labelledby="wal-channels">
          <h3 id="wal-channels" className="mb-2 font-semibold">
            Channels
          </h3>
          {s.channels.length ? (
            <Table>
              <thead>
                <tr>
                  <Th>Source</Th>
                  <Th>Last file</Th>
                  <Th>Arrived</Th>
                  <Th className="text-right">Files, 7 days</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {s.channels.map((c) => (
                  <tr key={c.source} className={rowClass}>
                    <Td>{c.source}</Td>
                    <Td className="font-mono text-xs">{c.lastName}</Td>
                    <Td>
                      <Age iso={c.lastArchivedAt} /> ago
                    </Td>
                    <Td className="text-right">
                      <Count value={c.count} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing has arrived through streaming or push in the last 7 days.</p>
          )}
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            <Bytes value={s.storedSize} /> stored for <Bytes value={s.size} /> of WAL; {s.walRatePerHour.toFixed(1)} segments per hour over the last day.
          </p>
        </section>
      </div>
      <section aria-labelledby="wal-gaps">
        <h3 id="wal-gaps" className="mb-2 font-semibold">
          Gaps
        </h3>
        {s.gaps.length ? (
          <Table>
            <caption className="sr-only">Missing WAL segments</caption>
            <thead>
              <tr>
                <Th>Timeline</Th>
                <Th>First missing</Th>
                <Th>Last missing</Th>
                <Th className="text-right">Missing</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {s.gaps.map((g) => (
                <tr key={`${g.timeline}-${g.from}`} className={troubleRowClass}>
                  <Td>{g.timeline}</Td>
                  <Td className="font-mono text-xs">{g.from}</Td>
                  <Td className="font-mono text-xs">{g.to}</Td>
                  <Td className="text-right">
                    <Count value={g.missing} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <Notice tone="success">No gap: every timeline is continuous from its first archived segment to its last.</Notice>
        )}
        {s.gaps.length ? (
          <p className="mt-2 text-sm text-red-800 dark:text-red-300">
            Recovery cannot replay across a gap: a target after it is reachable only from a backup taken after it. If the server still has these segments in pg_wal, they can
            be archived again; otherwise take a new backup now.
          </p>
        ) : null}
      </section>
      {s.lastArchived ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Last archived: <code className="text-xs">{s.lastArchived.name}</code> via {s.lastArchived.source}, <Time iso={s.lastArchived.archivedAt} />.
        </p>
      ) : null}
    </div>
  );
}
