import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { toDataURL } from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG, APP_NAME } from '../config/config.tokens';
import { JobsService } from '../jobs/jobs.service';
import { LOGGER } from '../logging/logger.token';
import { MailOutboxEntity } from './mail-outbox.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  qrPayload?: string;
  /** Where answers go (e.g. the sender of a contact form); default: MAIL_FROM. */
  replyTo?: string;
  /** The event the mail is about: its organisers see the mail in the console if it cannot be delivered. */
  eventId?: string;
}

/** The sender's queue: a job means "there may be mail to send"; one job drains what the rate allows. */
export const MAIL_QUEUE = 'core.mail-outbox';
/** Mails claimed per round trip. */
const CLAIM_SIZE = 20;
/** How long a claimed mail stays with its sender: one that died mid-send leaves it to others after this. */
const LEASE_SECONDS = 300;
/** Retry delay after the first failure; doubles with each further one, up to MAX_BACKOFF_SECONDS. */
const FIRST_BACKOFF_SECONDS = 30;
const MAX_BACKOFF_SECONDS = 3600;
/** Arbitrary but fixed advisory lock key: claims are taken one at a time, so the rate holds across processes. */
const CLAIM_LOCK_KEY = 727_010;

/** Seconds to wait after the `attempts`-th failure. */
export function mailBackoffSeconds(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, FIRST_BACKOFF_SECONDS * 2 ** Math.max(0, attempts - 1));
}

/** A mail that failed MAIL_MAX_ATTEMPTS times and is no longer retried. */
export interface ParkedMail {
  id: string;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  parkedAt: Date;
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

/**
 * Queues mails in PostgreSQL and, when `SMTP_URL` is set, delivers them with the `core.mail-outbox` job: at most
 * `MAIL_RATE_PER_MINUTE` attempts in any minute across all api processes, failed mails retried with a growing delay
 * and parked after `MAIL_MAX_ATTEMPTS` failures. Due mails are picked in SQL, so parked or backing-off mails never
 * block the others.
 */
@Injectable()
export class MailService implements OnModuleInit, OnApplicationShutdown {
  private readonly transport: Transporter | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.transport = this.app === 'api' && config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  /** Adds a mail to the outbox; pass the transaction's manager so the mail exists only if the change commits. */
  async enqueue(message: MailMessage, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.enqueueMany([message], manager);
  }

  /** Adds mails to the outbox in one statement (imports); with the transaction's manager, as `enqueue`. */
  async enqueueMany(
    messages: MailMessage[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (messages.length === 0) return;
    await manager.query(
      `INSERT INTO mail_outbox (id, to_address, subject, text, html, qr_payload, event_id, reply_to)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[],
                            $8::text[])`,
      [
        messages.map(() => randomUUID()),
        messages.map((m) => m.to),
        messages.map((m) => m.subject),
        messages.map((m) => m.text),
        messages.map((m) => m.html),
        messages.map((m) => m.qrPayload ?? null),
        messages.map((m) => m.eventId ?? null),
        messages.map((m) => m.replyTo ?? null),
      ],
    );
    // Wakes a sender once the transaction commits (the cron tick every minute is the safety net).
    if (this.config.SMTP_URL) await this.jobs.send(MAIL_QUEUE, {}, { manager });
  }

  /** The development mailbox: newest first. */
  listOutbox(limit = 100): Promise<MailOutboxEntity[]> {
    return this.dataSource
      .getRepository(MailOutboxEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
  }

  /** Parked mails about an event: how many, and the latest `limit`. */
  async parked(eventId: string, limit = 50): Promise<{ count: number; mails: ParkedMail[] }> {
    const [counted] = await this.dataSource.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM mail_outbox WHERE event_id = $1 AND parked_at IS NOT NULL',
      [eventId],
    );
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        to_address: string;
        subject: string;
        attempts: number;
        last_error: string | null;
        parked_at: Date;
      }>
    >(
      `SELECT id, to_address, subject, attempts, last_error, parked_at FROM mail_outbox
        WHERE event_id = $1 AND parked_at IS NOT NULL ORDER BY parked_at DESC LIMIT $2`,
      [eventId, limit],
    );
    return {
      count: counted?.count ?? 0,
      mails: rows.map((row) => ({
        id: row.id,
        toAddress: row.to_address,
        subject: row.subject,
        attempts: row.attempts,
        lastError: row.last_error,
        parkedAt: row.parked_at,
      })),
    };
  }

  onModuleInit(): void {
    this.jobs.define({
      queue: MAIL_QUEUE,
      // Every wake-up waiting when a sender looks is handled by one drain.
      batchSize: 100,
      retryLimit: 0,
      expireInSeconds: LEASE_SECONDS,
      cron: '* * * * *',
      handle: async (_jobs, signal) => {
        await this.deliver(signal);
      },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  /**
   * Sends what is due, within the rate: claims a few mails at a time (advisory lock, so the minute's budget is
   * shared by every process), sends them, records each outcome. Leaves a wake-up for when the budget frees.
   */
  async deliver(signal?: AbortSignal): Promise<{ sent: number; failed: number }> {
    const outcome = { sent: 0, failed: 0 };
    if (!this.transport) return outcome;
    // The soonest retry of a mail that failed in this drain: a wake-up then, not at the next minute's tick.
    let retryInSeconds: number | null = null;
    while (!signal?.aborted) {
      const { mails, waitSeconds } = await this.claim();
      if (mails.length === 0) {
        const wake = Math.min(waitSeconds ?? Infinity, retryInSeconds ?? Infinity);
        if (Number.isFinite(wake)) await this.jobs.send(MAIL_QUEUE, {}, { startAfterSeconds: wake });
        return outcome;
      }
      for (const mail of mails) {
        if (await this.send(mail)) outcome.sent += 1;
        else {
          outcome.failed += 1;
          if (mail.attempts < this.config.MAIL_MAX_ATTEMPTS)
            retryInSeconds = Math.min(retryInSeconds ?? Infinity, mailBackoffSeconds(mail.attempts));
        }
      }
    }
    return outcome;
  }

  /** Takes up to CLAIM_SIZE due mails within the minute's budget; `waitSeconds` when the budget is spent. */
  private claim(): Promise<{ mails: MailOutboxEntity[]; waitSeconds: number | null }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CLAIM_LOCK_KEY]);
      const [window] = await manager.query<Array<{ used: number; oldest: Date | null }>>(
        `SELECT count(*)::int AS used, min(last_attempt_at) AS oldest FROM mail_outbox
          WHERE last_attempt_at > now() - interval '1 minute'`,
      );
      const budget = this.config.MAIL_RATE_PER_MINUTE - (window?.used ?? 0);
      if (budget <= 0) {
        const oldest = window?.oldest ? new Date(window.oldest).getTime() : Date.now();
        return { mails: [], waitSeconds: Math.max(1, Math.ceil((oldest + 60_000 - Date.now()) / 1000)) };
      }
      const [rows] = await manager.query<[Array<Record<string, unknown>>, number]>(
        // A CTE, not `id IN (… LIMIT … SKIP LOCKED)`: PostgreSQL may run such a subquery more than once and so
        // update more rows than the limit, which would break the rate.
        `WITH due AS (
           SELECT id FROM mail_outbox
            WHERE sent_at IS NULL AND parked_at IS NULL AND next_attempt_at <= now()
            ORDER BY next_attempt_at, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         UPDATE mail_outbox m SET attempts = m.attempts + 1, last_attempt_at = now(),
                next_attempt_at = now() + make_interval(secs => $2)
           FROM due WHERE m.id = due.id
         RETURNING m.id, m.to_address, m.subject, m.text, m.html, m.qr_payload, m.reply_to, m.attempts`,
        [Math.min(budget, CLAIM_SIZE), LEASE_SECONDS],
      );
      const mails = rows.map((row) =>
        manager.create(MailOutboxEntity, {
          id: row['id'] as string,
          toAddress: row['to_address'] as string,
          subject: row['subject'] as string,
          text: row['text'] as string,
          html: row['html'] as string,
          qrPayload: (row['qr_payload'] as string | null) ?? null,
          replyTo: (row['reply_to'] as string | null) ?? null,
          attempts: row['attempts'] as number,
        }),
      );
      return { mails, waitSeconds: null };
    });
  }

  /** One SMTP attempt for a claimed mail; records sent, retry later, or parked. */
  private async send(mail: MailOutboxEntity): Promise<boolean> {
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
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        attachments,
      });
      await this.dataSource.query('UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = $1', [
        mail.id,
      ]);
      return true;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const park = mail.attempts >= this.config.MAIL_MAX_ATTEMPTS;
      await this.dataSource.query(
        `UPDATE mail_outbox SET last_error = $2,
                parked_at = CASE WHEN $3 THEN now() END,
                next_attempt_at = now() + make_interval(secs => $4)
          WHERE id = $1`,
        [mail.id, message, park, mailBackoffSeconds(mail.attempts)],
      );
      // The mail id and the SMTP status only: server messages often quote the address, which is personal data.
      const smtpStatus = (error as { responseCode?: unknown }).responseCode;
      this.logger.warn(
        {
          mailId: mail.id,
          attempts: mail.attempts,
          parked: park,
          smtpStatus: typeof smtpStatus === 'number' ? smtpStatus : null,
        },
        park ? 'mail parked after repeated delivery failures' : 'mail delivery failed',
      );
      return false;
    }
  }
}
