import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgendaDigests1796677074807 implements MigrationInterface {
  name = 'AgendaDigests1796677074807';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agenda_digest_cursors" ("event_id" uuid NOT NULL, "changes_until" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_37c9696e39e4b1564f2fc4a3ede" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_session_changes" ON "audit_log"  ("created_at") WHERE "action" IN ('session.update', 'session.cancel')`);
    await queryRunner.query(`ALTER TABLE "agenda_digest_cursors" ADD CONSTRAINT "FK_37c9696e39e4b1564f2fc4a3ede" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agenda_digest_cursors" DROP CONSTRAINT "FK_37c9696e39e4b1564f2fc4a3ede"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_session_changes"`);
    await queryRunner.query(`DROP TABLE "agenda_digest_cursors"`);
  }
}
