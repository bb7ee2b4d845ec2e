import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A LiveKit webhook already processed, keyed by its event id: a redelivery finds the row and changes nothing. */
@Entity({ name: 'media_webhook_events' })
export class MediaWebhookEventEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  event!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
