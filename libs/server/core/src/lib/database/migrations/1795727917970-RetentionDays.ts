import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionDays1795727917970 implements MigrationInterface {
  name = 'RetentionDays1795727917970';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_settings" ADD "retention_days" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_settings" DROP COLUMN "retention_days"`);
  }
}
