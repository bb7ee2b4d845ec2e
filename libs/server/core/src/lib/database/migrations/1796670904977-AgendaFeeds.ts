import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AgendaFeeds1796670904977 implements MigrationInterface {
  name = 'AgendaFeeds1796670904977';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "agenda_feeds" ("person_id" uuid NOT NULL, "event_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_968126decd3a2d8c4467338502d" PRIMARY KEY ("person_id", "event_id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_agenda_feeds_token_hash" ON "agenda_feeds"  ("token_hash") `);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "ical_sequence" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "agenda_feeds" ADD CONSTRAINT "FK_432efdf35b594db88c9dfd95fbf" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "agenda_feeds" ADD CONSTRAINT "FK_f58287bf2ff27d96f54c70bea8b" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "agenda_feeds" DROP CONSTRAINT "FK_f58287bf2ff27d96f54c70bea8b"`);
    await queryRunner.query(`ALTER TABLE "agenda_feeds" DROP CONSTRAINT "FK_432efdf35b594db88c9dfd95fbf"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "ical_sequence"`);
    await queryRunner.query(`DROP INDEX "public"."uq_agenda_feeds_token_hash"`);
    await queryRunner.query(`DROP TABLE "agenda_feeds"`);
  }
}
