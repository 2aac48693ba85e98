import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailConfig } from '../contracts/notifications';
import { startMailReceiver, type MailReceiver } from '../testing/notification-receivers';
import { makeTestCertificates, type TestCertificates } from '../testing/test-certificates';
import { sendEmail } from './send-email';

// Email over TLS to a real SMTP server (smtp-server) whose certificate a private CA signed:
// delivered over STARTTLS and over TLS from the first byte when Cellar trusts that CA the way the
// README says (NODE_EXTRA_CA_CERTS, so the sender runs in a process of its own); refused, with
// nothing sent and no login tried, when it does not, and when a server does not offer STARTTLS.

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const login = { username: 'cellar', password: 'mail-password-2' };
const mail = { subject: 'Cellar: backup_failed on pg1', text: 'The last backup of pg1 failed.', messageId: 'tls-test' };

let dir: string;
let certs: TestCertificates;
const receivers: MailReceiver[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-smtp-tls-'));
  certs = await makeTestCertificates(dir);
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await rm(dir, { recursive: true, force: true });
});

async function receiver(tls?: 'starttls' | 'tls'): Promise<MailReceiver> {
  const r = await startMailReceiver(login, tls ? { mode: tls, key: certs.key, cert: certs.cert } : undefined);
  receivers.push(r);
  return r;
}

const config = (port: number, tls: EmailConfig['tls']): EmailConfig => ({ host: '127.0.0.1', port, tls, username: login.username, from: 'cellar@example.com', to: ['ops@example.com'] });

/** sendEmail in a child process that trusts the test CA. */
async function sendTrusting(emailConfig: EmailConfig): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/testing/send-email-child.ts', JSON.stringify({ config: emailConfig, password: login.password, mail })], {
    cwd: repoRoot,
    env: { ...process.env, NODE_EXTRA_CA_CERTS: certs.caFile },
  });
  return stdout.trim();
}

describe('email over TLS', () => {
  it.each(['starttls', 'tls'] as const)('delivers with tls "%s" to a server whose certificate a trusted CA signed', async (mode) => {
    const r = await receiver(mode);
    expect(await sendTrusting(config(r.port, mode))).toMatch(new RegExp(`^accepted by 127\\.0\\.0\\.1:${r.port} `));
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ user: login.username, secure: true, subject: mail.subject, to: ['ops@example.com'] });
    expect(r.logins).toEqual([{ username: login.username, secure: true }]);
  }, 30_000);

  it('refuses a certificate from a CA it does not trust, sending nothing and trying no login', async () => {
    for (const mode of ['starttls', 'tls'] as const) {
      const r = await receiver(mode);
      await expect(sendEmail(config(r.port, mode), login.password, mail)).rejects.toThrow(
        new RegExp(`^SMTP 127\\.0\\.0\\.1:${r.port}: unable to verify the first certificate\\. .*NODE_EXTRA_CA_CERTS`),
      );
      expect(r.messages).toEqual([]);
      expect(r.logins).toEqual([]);
    }
  });

  it('does not go on in clear when tls is "starttls" and the server does not offer it', async () => {
    const r = await receiver();
    await expect(sendEmail(config(r.port, 'starttls'), login.password, mail)).rejects.toThrow(
      new RegExp(`^SMTP 127\\.0\\.0\\.1:${r.port}: .*STARTTLS.*\\. The server does not offer STARTTLS: .*set tls to "tls"`),
    );
    expect(r.messages).toEqual([]);
    expect(r.logins).toEqual([]);
  });
});
