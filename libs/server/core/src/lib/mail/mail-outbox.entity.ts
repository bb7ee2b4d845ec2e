import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every mail is written here in the same transaction as the change that causes it (outbox pattern), then sent by
 * the dispatcher when SMTP is configured. Without SMTP the rows are the development mailbox.
 */
@Entity({ name: 'mail_outbox' })
@Index('idx_mail_outbox_unsent', ['createdAt'], { where: '"sent_at" IS NULL' })
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

  /** A QR code payload rendered as an inline PNG (`cid:ticket-qr`) when the mail is sent. */
  @Column({ name: 'qr_payload', type: 'text', nullable: true })
  qrPayload!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
