import net from 'node:net';

/**
 * A TCP port that was free on 127.0.0.1 a moment ago. The kernel hands out ports in rotation, so
 * two callers racing rarely collide; servers that can fail to bind retry with a new port anyway.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`Could not read the port the kernel assigned on ${host}`));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
