import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

// Test support: a private certificate authority and a server certificate it signed for
// 127.0.0.1 and localhost, made with openssl in `dir`, for servers that tests reach over TLS.

const run = promisify(execFile);

export type TestCertificates = {
  /** The CA's certificate (PEM) and where it is on disk (for NODE_EXTRA_CA_CERTS). */
  ca: string;
  caFile: string;
  key: string;
  cert: string;
};

export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const file = (name: string) => path.join(dir, name);
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Cellar test CA', '-keyout', file('ca.key'), '-out', file('ca.pem')]);
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr')]);
  await writeFile(file('server.ext'), 'subjectAltName = IP:127.0.0.1, DNS:localhost\nextendedKeyUsage = serverAuth\n');
  await run('openssl', ['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('server.ext'), '-out', file('server.pem')]);
  const [ca, key, cert] = await Promise.all(['ca.pem', 'server.key', 'server.pem'].map((name) => readFile(file(name), 'utf8')));
  return { ca: ca!, caFile: file('ca.pem'), key: key!, cert: cert! };
}
