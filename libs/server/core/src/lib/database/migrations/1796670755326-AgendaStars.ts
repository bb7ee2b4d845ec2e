import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgendaStars1796670755326 implements MigrationInterface {
  name = 'AgendaStars1796670755326';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "session_stars" ("person_id" uuid NOT NULL, "session_id" uuid NOT NULL, "event_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_275f31efc004feb4462e9a953a2" PRIMARY KEY ("person_id", "session_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_session_stars_event_person" ON "session_stars"  ("event_id", "person_id") `);
    await queryRunner.query(`CREATE INDEX "idx_session_stars_session" ON "session_stars"  ("session_id") `);
    await queryRunner.query(`ALTER TABLE "session_stars" ADD CONSTRAINT "FK_4b9f6006b9335b4581eed560b5c" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_stars" ADD CONSTRAINT "FK_cf404be985ba3a62aeb77060053" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_stars" ADD CONSTRAINT "FK_bd487405d46065fed7bebdf0a26" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_stars" DROP CONSTRAINT "FK_bd487405d46065fed7bebdf0a26"`);
    await queryRunner.query(`ALTER TABLE "session_stars" DROP CONSTRAINT "FK_cf404be985ba3a62aeb77060053"`);
    await queryRunner.query(`ALTER TABLE "session_stars" DROP CONSTRAINT "FK_4b9f6006b9335b4581eed560b5c"`);
    await queryRunner.query(`DROP INDEX "public"."idx_session_stars_session"`);
    await queryRunner.query(`DROP INDEX "public"."idx_session_stars_event_person"`);
    await queryRunner.query(`DROP TABLE "session_stars"`);
  }
}
