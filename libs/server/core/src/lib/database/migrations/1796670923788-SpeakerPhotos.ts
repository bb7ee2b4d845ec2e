import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SpeakerPhotos1796670923788 implements MigrationInterface {
  name = 'SpeakerPhotos1796670923788';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "speakers" ADD "photo" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "speakers" DROP COLUMN "photo"`);
  }
}
