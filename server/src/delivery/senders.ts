import { createTransport, type Transporter } from 'nodemailer';

/** One delivery attempt's outcome: the receiver's status where it has one. */
export interface Sent {
  status: number | null;
}

/** A receiver's refusal, with its status where it gave one. */
export class DeliveryFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** Sends one outbox row's payload to its target; throws to fail the attempt (it is retried with backoff). */
export type Sender = (target: URL, payload: string, deliveryId: string, signal: AbortSignal) => Promise<Sent>;

/** Webhooks: one JSON POST; anything but a 2xx is a failure. */
export const postJson: Sender = async (target, payload, deliveryId, signal) => {
  const res = await fetch(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Seatwise-Alerts/1', 'x-seatwise-delivery': deliveryId },
    body: payload,
    signal,
  });
  await res.body?.cancel();
  if (!res.ok) throw new DeliveryFailed(`HTTP ${res.status}`, res.status);
  return { status: res.status };
};

/** What an email row's payload holds (written by the compliance report producer). */
export interface EmailPayload {
  subject: string;
  text: string;
  html: string;
  attachment?: { filename: string; content: string };
}

/**
 * Email through the SMTP server in SMTP_URL (nodemailer). The Message-ID is
 * the delivery's, so a retry after a lost answer is recognisable as the same
 * message by the receiving side.
 */
export function smtpSender(smtpUrl: string, from: string): Sender {
  const transport: Transporter = createTransport(smtpUrl);
  return async (target, payload, deliveryId) => {
    const mail = JSON.parse(payload) as EmailPayload;
    const info = await transport.sendMail({
      from,
      to: decodeURIComponent(target.pathname).split(','),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${deliveryId}@seatwise>`,
      attachments: mail.attachment ? [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'text/csv; charset=utf-8' }] : [],
    });
    const rejected = info.rejected ?? [];
    if (rejected.length) throw new DeliveryFailed(`rejected: ${rejected.join(', ')}`);
    return { status: null };
  };
}
