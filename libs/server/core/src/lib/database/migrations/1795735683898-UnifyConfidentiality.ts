import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One confidentiality flag per session: `sessions.confidential` (media refuses recording) absorbs
 * `session_engagement.confidential` (Q&A hides askers' names). A session confidential in either stays confidential.
 */
export class UnifyConfidentiality1795735683898 implements MigrationInterface {
  name = 'UnifyConfidentiality1795735683898';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "sessions" s SET "confidential" = true FROM "session_engagement" e
        WHERE e."session_id" = s."id" AND e."confidential" AND NOT s."confidential"`,
    );
    await queryRunner.query(`ALTER TABLE "session_engagement" DROP COLUMN "confidential"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "session_engagement" ADD "confidential" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "session_engagement" e SET "confidential" = s."confidential" FROM "sessions" s WHERE s."id" = e."session_id"`,
    );
  }
}
