import { z } from 'zod';
import { DomainError } from '@/server/errors/domain-error';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { repositoryRoot } from '@/server/repository/repository-root';
import { getWalFile } from '@/server/wal/get-wal-file';
import { pushWalFile } from '@/server/wal/push-wal-file';

// The WAL channels of archive_command (PUT, cellar-wal-archive) and restore_command (GET,
// cellar-wal-restore). Both accept the server's WAL archive token as well as operator access.

const params = z.object({ name: serverNameSchema, file: z.string().min(1).max(64) });
const sha256Header = 'x-cellar-sha256';
// The largest wal_segment_size (1 GiB); anything bigger is not a WAL file.
const maxBytes = 1024 * 1024 * 1024;

export const PUT = route({ auth: 'operator', params, walArchiveToken: true, status: 201 }, async ({ ctx, req, params }) => {
  const length = Number(req.headers.get('content-length') ?? NaN);
  if (length > maxBytes) throw new DomainError('bad_request', `A WAL file is at most 1 GiB; this request announces ${length} bytes.`);
  const content = Buffer.from(await req.arrayBuffer());
  const sha256 = req.headers.get(sha256Header) ?? undefined;
  const result = await pushWalFile({ ctx, root: repositoryRoot(), input: { server: params.name, name: params.file, content, sha256 } });
  return Response.json({ outcome: result.outcome, name: result.file.name, size: result.size }, { status: result.outcome === 'stored' ? 201 : 200 });
});

// partial=1: a segment the archive lacks is answered with its <segment>.partial, when there is one
// (Barman's get-wal --partial): recovery that stays on a timeline a promotion ended can read it.
const query = z.object({ partial: z.enum(['0', '1']).default('0') });

export const GET = route({ auth: 'operator', params, query, walArchiveToken: true }, async ({ ctx, params, query }) => {
  const { content, sha256, name } = await getWalFile({ ctx, root: repositoryRoot(), input: { server: params.name, name: params.file, partial: query.partial === '1' } });
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'content-length': String(content.length), [sha256Header]: sha256 };
  if (name !== params.file) headers['x-cellar-wal-file'] = name;
  return new Response(new Uint8Array(content), { headers });
});
