import { createTransport, type Transporter } from 'nodemailer';
import type { EmailMessage } from './alert-message.util';

export interface OutgoingEmail extends EmailMessage {
  to: string;
  /** The same for every attempt of one delivery, so a receiving system can drop a repeat. */
  messageId: string;
  unsubscribeUrl: string;
}

/** Sends email over SMTP with nodemailer: smtps:// is TLS from the start, smtp:// upgrades with STARTTLS when the server offers it. */
export class EmailChannel {
  private transport: Transporter | null = null;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(email: OutgoingEmail): Promise<void> {
    // settings of the URL (e.g. ?requireTLS=true) win over these timeouts
    this.transport ??= createTransport({ url: this.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    await this.transport.sendMail({
      from: this.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
