import nodemailer from 'nodemailer';
import type { EmailConfig } from '../contracts/notifications';

/**
 * One message over SMTP. `tls`: "tls" is implicit TLS (port 465), "starttls" upgrades and
 * refuses to go on without it, "none" stays in clear (a relay on localhost only).
 */
export async function sendEmail(config: EmailConfig, password: string | null, mail: { subject: string; text: string; messageId: string }): Promise<string> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    requireTLS: config.tls === 'starttls',
    ignoreTLS: config.tls === 'none',
    auth: config.username ? { user: config.username, pass: password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}@cellar>`,
      headers: { 'X-Cellar-Delivery': mail.messageId },
    });
    const rejected = (info.rejected as unknown[]).map(String);
    if (rejected.length) throw new Error(`the SMTP server refused ${rejected.join(', ')}`);
    return `accepted by ${config.host}:${config.port} (${info.response})`;
  } catch (error) {
    throw new Error(`SMTP ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}${whatToDo(error)}`);
  } finally {
    transport.close();
  }
}

/** For the two TLS failures a new channel meets first, what to change. */
function whatToDo(error: unknown): string {
  const { code, command, message } = (error ?? {}) as { code?: string; command?: string; message?: string };
  if (code === 'ETLS' && command === 'STARTTLS')
    return '. The server does not offer STARTTLS: if it speaks TLS from the first byte (usually port 465), set tls to "tls"; "none" sends the password in clear, for a relay on this host only.';
  if (/certificate|altnames/i.test(message ?? ''))
    return ". Cellar verifies the server's certificate: if a private CA signed it, start Cellar's processes with NODE_EXTRA_CA_CERTS set to that CA's PEM file.";
  return '';
}
