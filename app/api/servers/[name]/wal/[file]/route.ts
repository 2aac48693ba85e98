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

export const GET = route({ auth: 'operator', params, walArchiveToken: true }, async ({ ctx, params }) => {
  const { content, sha256 } = await getWalFile({ ctx, root: repositoryRoot(), input: { server: params.name, name: params.file } });
  return new Response(new Uint8Array(content), { headers: { 'content-type': 'application/octet-stream', 'content-length': String(content.length), [sha256Header]: sha256 } });
});
