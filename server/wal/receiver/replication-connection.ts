import pg from 'pg';
import type { Server } from '../../db/generated/client';
import { DomainError } from '../../errors/domain-error';
import { parseConninfo, toPgClientConfig } from '../../pg/conninfo';
import { copyDataStreamOption } from '../../pg/copy-data-socket';
import { describePgError } from '../../pg/describe-pg-error';
import { parseIdentifySystemRow, type IdentifySystem } from '../../pg/replication-messages';
import { assertWalSegmentSize } from '../../pg/wal-name';
import { streamingConninfoOf } from '../../servers/server-credentials';

// A physical replication connection over the server's streaming_conninfo, named so that a DBA
// can list it in synchronous_standby_names (Barman's streaming_archiver_name).

export const receiverApplicationName = 'cellar_receive_wal';

export type ReplicationFacts = IdentifySystem & { major: number; versionNum: number; segmentSize: number };

export async function openReplication(
  server: Server,
  options: { timeoutMs?: number; applicationName?: string } = {},
): Promise<pg.Client> {
  const { conninfo, password } = streamingConninfoOf(server);
  const config = toPgClientConfig(parseConninfo(conninfo), password);
  const timeout = options.timeoutMs ?? 10_000;
  const client = new pg.Client({
    ...config,
    replication: 'true',
    application_name: options.applicationName ?? receiverApplicationName,
    connectionTimeoutMillis: config.connectionTimeoutMillis ?? timeout,
    keepAlive: true,
    ...copyDataStreamOption(config),
  } as pg.ClientConfig);
  // A lost connection surfaces as the rejection of whatever runs on it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new DomainError(
      'unavailable',
      `Cannot open a replication connection to ${server.name}: ${describePgError(error, { host: config.host, port: config.port, user: config.user, replication: true })}.`,
    );
  }
  return client;
}

export async function readReplicationFacts(client: pg.Client): Promise<ReplicationFacts> {
  const show = async (name: string) =>
    (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0]?.[name] ?? '';
  const identity = parseIdentifySystemRow((await client.query('IDENTIFY_SYSTEM')).rows[0]);
  const versionNum = Number(await show('server_version_num'));
  return {
    ...identity,
    versionNum,
    major: Math.floor(versionNum / 10_000),
    segmentSize: assertWalSegmentSize(parseShownSize(await show('wal_segment_size'))),
  };
}

/** SHOW's form of a size: "16MB", "1GB", "1024kB". */
export function parseShownSize(text: string): number {
  const match = /^(\d+)\s*(kB|MB|GB)$/.exec(text.trim());
  if (!match) throw new Error(`Unexpected size "${text}" from SHOW.`);
  return Number(match[1]) * { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[match[2] as 'kB' | 'MB' | 'GB'];
}
