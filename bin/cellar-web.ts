// The web process: Next.js behind a plain Node HTTP server so that the client's socket address
// reaches the route handlers (audit, login throttling) in a header no client can forge.
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { clientAddressHeader } from '../server/http/client-address';
import { logger } from '../server/log/logger';
import { prepareCatalog } from '../server/startup/prepare-catalog';

const port = Number(process.env.PORT ?? 7480);
const host = process.env.HOST ?? '127.0.0.1';
const dev = process.env.CELLAR_WEB_DEV === '1';

// Bundled server code finds Cellar's sources (compression threads) from the working directory.
const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

await prepareCatalog();

const app = next({ dev, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  req.headers[clientAddressHeader] = req.socket.remoteAddress ?? '';
  handle(req, res).catch((err: unknown) => {
    logger.error({ err }, 'request failed');
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.listen(port, host, () => logger.info({ url: `http://${host}:${port}` }, 'web listening'));

function shutdown(): void {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
