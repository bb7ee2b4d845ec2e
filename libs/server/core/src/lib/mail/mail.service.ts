import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { toDataURL } from 'qrcode';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG, APP_NAME } from '../config/config.tokens';
import { FailureLog } from '../errors/failure-log';
import { LOGGER } from '../logging/logger.token';
import { MailOutboxEntity } from './mail-outbox.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  qrPayload?: string;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Builds a plain, accessible HTML mail from paragraphs and an optional call to action. Every value is escaped. */
export function renderMail(
  paragraphs: string[],
  action?: { label: string; url: string },
  withQr = false,
): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 16px">${escapeHtml(p)}</p>`).join('');
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#14213d;color:#fff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(action.label)}</a></p>`
    : '';
  const qr = withQr
    ? '<p style="margin:24px 0"><img src="cid:ticket-qr" alt="Your ticket QR code" width="280" height="280"></p>'
    : '';
  return `<!doctype html><html lang="en"><body style="font:16px/1.5 system-ui,sans-serif;color:#14213d;max-width:36rem;margin:0 auto;padding:24px">${body}${button}${qr}</body></html>`;
}

/** Queues mails in PostgreSQL and, when `SMTP_URL` is set, delivers them in the background with retries. */
@Injectable()
export class MailService implements OnApplicationBootstrap, OnApplicationShutdown {
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
  ) {}

  /** Adds a mail to the outbox; pass the transaction's manager so the mail exists only if the change commits. */
  async enqueue(message: MailMessage, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(MailOutboxEntity, {
      id: randomUUID(),
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      qrPayload: message.qrPayload ?? null,
    });
    if (this.transport) setImmediate(() => this.deliverInBackground());
  }

  /** The development mailbox: newest first. */
  listOutbox(limit = 100): Promise<MailOutboxEntity[]> {
    return this.dataSource
      .getRepository(MailOutboxEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
  }

  onApplicationBootstrap(): void {
    if (this.app !== 'api' || !this.config.SMTP_URL) return;
    this.transport = createTransport(this.config.SMTP_URL);
    this.timer = setInterval(() => this.deliverInBackground(), 5000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.transport?.close();
  }

  /**
   * A delivery round from a timer: a failure (PostgreSQL away) is logged and left to the next round. Unhandled, the
   * rejection ended the process every five seconds while PostgreSQL was down.
   */
  private deliverInBackground(): void {
    this.deliver().catch((error: unknown) => this.failures.record(error, 'mail outbox'));
  }

  /** Sends unsent mails; rows are locked so several api replicas never send one twice. */
  async deliver(): Promise<void> {
    if (!this.transport || this.running) return;
    this.running = true;
    try {
      await this.dataSource.transaction(async (manager) => {
        const batch = await manager.getRepository(MailOutboxEntity).find({
          where: { sentAt: IsNull() },
          order: { createdAt: 'ASC' },
          take: 20,
          lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
        });
        for (const mail of batch.filter((row) => row.attempts < 10)) {
          try {
            const attachments = mail.qrPayload
              ? [
                  {
                    cid: 'ticket-qr',
                    filename: 'ticket.png',
                    path: await toDataURL(mail.qrPayload, { width: 560, margin: 4 }),
                  },
                ]
              : [];
            await this.transport?.sendMail({
              from: this.config.MAIL_FROM,
              to: mail.toAddress,
              subject: mail.subject,
              text: mail.text,
              html: mail.html,
              attachments,
            });
            await manager.update(MailOutboxEntity, mail.id, {
              sentAt: new Date(),
              attempts: mail.attempts + 1,
              lastError: null,
            });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            await manager.update(MailOutboxEntity, mail.id, {
              attempts: mail.attempts + 1,
              lastError: message.slice(0, 500),
            });
            this.logger.warn({ mailId: mail.id, err: { message } }, 'mail delivery failed');
          }
        }
      });
    } finally {
      this.running = false;
    }
  }
}
