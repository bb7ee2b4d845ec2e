import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A mail may name a Reply-To (the event page's contact form: the team answers the sender directly). */
export class MailReplyTo1796670856289 implements MigrationInterface {
  name = 'MailReplyTo1796670856289';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "reply_to" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "reply_to"`);
  }
}
