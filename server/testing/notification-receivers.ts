import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// Real receivers for the notification tests (not production code): an HTTP endpoint that
// records what it gets and answers the statuses it is told to, and an SMTP server that checks
// the login and keeps each message as it arrived on the wire.

export type ReceivedRequest = { headers: IncomingHttpHeaders; body: string };
export type WebhookReceiver = { url: string; requests: ReceivedRequest[]; answers: number[]; close(): Promise<void> };

/** `answers`: statuses for the next requests, in order; 200 once they run out. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = answers.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver is down for maintenance');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cellar`,
    requests,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ReceivedMail = { from: string; to: string[]; user: string | undefined; secure: boolean; raw: string; subject: string; text: string };
/** `logins`: every AUTH attempt, with whether the connection was encrypted by then. */
export type MailReceiver = { port: number; messages: ReceivedMail[]; logins: { username: string; secure: boolean }[]; close(): Promise<void> };

/**
 * SMTP on localhost with AUTH PLAIN/LOGIN for one user. Without `tls`, in clear and without
 * STARTTLS; with it, STARTTLS offered ('starttls') or TLS from the first byte ('tls'), and a login
 * refused until the connection is encrypted.
 */
export async function startMailReceiver(
  credentials: { username: string; password: string },
  tls?: { mode: 'starttls' | 'tls'; key: string; cert: string },
): Promise<MailReceiver> {
  const messages: ReceivedMail[] = [];
  const logins: MailReceiver['logins'] = [];
  const server = new SMTPServer({
    secure: tls?.mode === 'tls',
    ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
    allowInsecureAuth: !tls,
    authOptional: false,
    logger: false,
    onAuth(auth, session, callback) {
      logins.push({ username: auth.username ?? '', secure: session.secure });
      if (auth.username === credentials.username && auth.password === credentials.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
          raw,
          subject: /^Subject: (.*)$/m.exec(unfolded)?.[1]?.trim() ?? '',
          text: bodyText(raw),
        });
        callback();
      });
    },
  });
  // A client that refuses the certificate hangs up mid-handshake: an error of that connection only.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The body of a single-part message, undoing quoted-printable (what nodemailer uses for non-ASCII text). */
function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
