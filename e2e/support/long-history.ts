import { createDb } from '../../server/db/client';
import { walSegmentName } from '../../server/pg/wal-name';
import { insertBackupRows } from '../../server/testing/backup-rows';
import { insertWalRows } from '../../server/testing/wal-rows';

// A server with months of history laid straight into the catalog (taking 60 real backups would
// take the spec an hour): 60 daily backups, WAL on two timelines with a hole, restore points and
// check reports. Its conninfo is a real server, so the live status answers too.

const day = 86_400_000;

export async function layOutLongHistory(catalogUrl: string, name: string, conninfo: string): Promise<void> {
  const db = createDb(catalogUrl);
  try {
    const now = Date.now();
    const start = now - 60 * day;
    const server = await db.server.create({
      data: {
        name,
        conninfo,
        description: 'a server with months of history',
        lastBackupMaximumAge: '2 days',
        lastWalMaximumAge: '6 hours',
        pushArchiver: true,
        minimumRedundancy: 2,
      },
    });
    await insertBackupRows(
      db,
      server.id,
      Array.from({ length: 60 }, (_, i) => ({
        at: new Date(start + i * day + 2 * 3_600_000),
        status: i % 17 === 5 ? ('FAILED' as const) : ('DONE' as const),
        name: i % 30 === 0 ? `monthly-${i}` : undefined,
        keep: i % 30 === 0 ? ('full' as const) : undefined,
        size: BigInt(10_000_000_000 + ((i * 7919) % 13) * 1_000_000_000),
        beginSegno: BigInt(1000 + i * 24),
        endSegno: BigInt(1000 + i * 24 + 1),
        timeline: i >= 40 ? 2 : 1,
      })),
    );
    const everyMs = day / 24;
    await insertWalRows(db, server.id, [
      { timeline: 1, from: 1000n, to: 1000n + 40n * 24n, startMs: start, everyMs },
      {
        timeline: 2,
        from: 1000n + 40n * 24n,
        to: 1000n + 60n * 24n - 1n,
        startMs: start + 40 * day,
        everyMs,
        skip: [2400n, 2401n, 2402n, 2403n],
      },
    ]);
    await db.restorePoint.createMany({
      data: [5, 25, 55].map((d) => {
        const segno = 1000 + d * 24 + 1;
        const lsn = `${Math.floor(segno / 256)
          .toString(16)
          .toUpperCase()}/${((segno % 256) * 16 * 1024 * 1024 + 0x100).toString(16).toUpperCase()}`;
        const timeline = d >= 40 ? 2 : 1;
        return {
          serverId: server.id,
          name: `before-release-${d}`,
          timeline,
          lsn,
          time: new Date(start + d * day + 3_600_000),
          segment: walSegmentName({ timeline, segno: BigInt(segno) }),
        };
      }),
    });
    for (let k = 30; k >= 0; k--) {
      const failed = k === 12 || k === 11;
      await db.checkReport.create({
        data: {
          serverId: server.id,
          ok: !failed,
          durationMs: 400,
          checkedAt: new Date(now - k * 6 * 3_600_000 - 60_000),
          results: {
            create: [
              {
                position: 0,
                name: 'PostgreSQL',
                status: failed ? ('FAILED' as const) : ('OK' as const),
                hint: failed ? 'connection refused' : null,
              },
              { position: 1, name: 'wal_level', status: 'OK' as const },
              {
                position: 2,
                name: 'backup maximum age',
                status: 'OK' as const,
                hint: 'interval provided: 2 days',
              },
            ],
          },
        },
      });
    }
  } finally {
    await db.$disconnect();
  }
}
