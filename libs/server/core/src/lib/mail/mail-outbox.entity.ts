import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every mail is written here in the same transaction as the change that causes it (outbox pattern), then sent by
 * the `core.mail-outbox` job when SMTP is configured. Without SMTP the rows are the development mailbox.
 */
@Entity({ name: 'mail_outbox' })
// What the sender picks: unsent, not parked, due. Filtered before the LIMIT, so failing mails never block others.
@Index('idx_mail_outbox_due', ['nextAttemptAt'], { where: '"sent_at" IS NULL AND "parked_at" IS NULL' })
// The sliding minute of the rate limit (MAIL_RATE_PER_MINUTE).
@Index('idx_mail_outbox_last_attempt', ['lastAttemptAt'], { where: '"last_attempt_at" IS NOT NULL' })
@Index('idx_mail_outbox_parked', ['eventId', 'parkedAt'], { where: '"parked_at" IS NOT NULL' })
export class MailOutboxEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'to_address', type: 'text' })
  toAddress!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text' })
  html!: string;

  /** Where answers go (the sender of an event page's contact form); null: to the sender, MAIL_FROM. */
  @Column({ name: 'reply_to', type: 'text', nullable: true })
  replyTo!: string | null;

  /** A QR code payload rendered as an inline PNG (`cid:ticket-qr`) when the mail is sent. */
  @Column({ name: 'qr_payload', type: 'text', nullable: true })
  qrPayload!: string | null;

  /** The event the mail is about, when there is one: its organisers see it in the console if it is parked. */
  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Not before then: now for a new mail, later after a failure (backoff) or while a sender holds it (lease). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** Set after MAIL_MAX_ATTEMPTS failures: no more attempts; reported to the event's organisers. */
  @Column({ name: 'parked_at', type: 'timestamptz', nullable: true })
  parkedAt!: Date | null;
}
