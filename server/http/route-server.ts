import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';

// Test support: serves chosen route handlers of app/api over real HTTP, without Next's server, where
// a real client (PostgreSQL's archive_command, restore_command) must reach them. Not for the
// console, which the e2e suite tests against the real web process.

type Handler = (req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type RouteTable = { pattern: RegExp; methods: Record<string, Handler> }[];
export type RouteServer = { url: string; port: number; stop(): Promise<void>; start(): Promise<void> };

/** Path parameters are the named groups of each pattern. */
export async function startRouteServer(routes: RouteTable, port = 0): Promise<RouteServer> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const route = routes.find((r) => r.pattern.test(url.pathname));
      const handler = route?.methods[req.method ?? 'GET'];
      if (!route || !handler) {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const headers = new Headers(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])));
      const request = new NextRequest(url, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
      const params = Promise.resolve(Object.fromEntries(Object.entries(route.pattern.exec(url.pathname)?.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])));
      const response = await handler(request, { params });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  let current = port;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(current, '127.0.0.1', () => {
        current = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${current}`;
    },
    get port() {
      return current;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    start: listen,
  };
}
