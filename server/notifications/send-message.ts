import type { NotificationChannel } from '../db/generated/client';
import { transportOf } from './channel-config';
import { emailSubject, emailText, webhookPayload, type Message } from './format-message';
import { sendEmail } from './send-email';
import { sendWebhook } from './send-webhook';

/** Sends one message through a channel; resolves with what the other end said, throws with why not. */
export async function sendMessage(channel: NotificationChannel, message: Message): Promise<string> {
  const transport = transportOf(channel);
  if (transport.kind === 'webhook') return sendWebhook(transport.config, transport.secret, webhookPayload(message), { deliveryId: message.id, now: message.sentAt });
  return sendEmail(transport.config, transport.password, { subject: emailSubject(message), text: emailText(message), messageId: message.id });
}
