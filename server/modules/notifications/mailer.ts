import type { Transporter } from 'nodemailer'
import type { Logger } from 'pino'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

/**
 * Sends notification emails when SMTP is configured; otherwise does nothing. Never throws.
 * nodemailer is loaded on the first email, so serving workers without SMTP never load it.
 */
export class Mailer {
  private transport: Promise<Transporter> | null

  constructor(
    smtpUrl: string | null,
    private readonly from: string,
    private readonly logger: Logger,
    transport?: Transporter,
  ) {
    this.transport = transport
      ? Promise.resolve(transport)
      : smtpUrl
        ? import('nodemailer').then((m) => m.default.createTransport(smtpUrl))
        : null
  }

  get enabled(): boolean {
    return this.transport !== null
  }

  async send(messages: MailMessage[]): Promise<void> {
    if (!this.transport) return
    for (const m of messages) {
      try {
        await (await this.transport).sendMail({ from: this.from, ...m })
      } catch (err) {
        // The in-app notification is already stored; a mail failure is logged, not fatal.
        this.logger.warn({ err, subject: m.subject }, 'notification email failed')
      }
    }
  }
}
