import { startPostgres, type PostgresServer } from '../../server/testing/postgres-server';

/** A throwaway catalog PostgreSQL for the bench: fast (no fsync), gone when the bench ends. */
export async function startPrivateCatalog(): Promise<{ server: PostgresServer; url: string }> {
  const server = await startPostgres({
    settings: { fsync: false, synchronous_commit: false, full_page_writes: false, shared_buffers: '256MB', max_wal_size: '4GB' },
  });
  await server.query('CREATE DATABASE cellar');
  return { server, url: server.url('cellar') };
}
