import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Programme1795725482017 implements MigrationInterface {
  name = 'Programme1795725482017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "speakers" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "name" text NOT NULL, "honorific" text, "title" text NOT NULL, "organisation" text, "country" text, "bio" text, "photo_url" text, "sort_order" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3818c94af77a0cf73403ecef14" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_speakers_event" ON "speakers"  ("event_id", "sort_order") `);
    await queryRunner.query(`CREATE TYPE "public"."speaker_role" AS ENUM('chair', 'moderator', 'panelist', 'keynote')`);
    await queryRunner.query(`CREATE TABLE "session_speakers" ("session_id" uuid NOT NULL, "speaker_id" uuid NOT NULL, "role" "public"."speaker_role" NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_1e045acbaae611353739e61d856" PRIMARY KEY ("session_id", "speaker_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_session_speakers_speaker" ON "session_speakers"  ("speaker_id") `);
    await queryRunner.query(`CREATE TYPE "public"."session_kind" AS ENUM('opening', 'keynote', 'panel', 'closing', 'other')`);
    await queryRunner.query(`CREATE TYPE "public"."session_state" AS ENUM('scheduled', 'live', 'ended')`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "kind" "public"."session_kind" NOT NULL, "title" text NOT NULL, "abstract" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "room" text, "state" "public"."session_state" NOT NULL DEFAULT 'scheduled', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_sessions_time_order" CHECK ("ends_at" > "starts_at"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_event_starts" ON "sessions"  ("event_id", "starts_at") `);
    await queryRunner.query(`CREATE TYPE "public"."event_format" AS ENUM('hybrid', 'in_person', 'online')`);
    await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL, "slug" character varying(64) NOT NULL, "name" text NOT NULL, "tagline" text, "description" text, "time_zone" text NOT NULL, "start_date" date NOT NULL, "end_date" date NOT NULL, "format" "public"."event_format" NOT NULL DEFAULT 'hybrid', "venue_name" text NOT NULL, "venue_city" text NOT NULL, "venue_country" text NOT NULL, "organiser_name" text NOT NULL, "organiser_url" text, "contact_email" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_05bd884c03d3f424e2204bd14cd" UNIQUE ("slug"), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "speakers" ADD CONSTRAINT "FK_88725fd290d37f463ca956ccad3" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_0b34864cef1c5f92554d6b52b28" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ADD CONSTRAINT "FK_6e16e562ec0a46a3e2acae145ad" FOREIGN KEY ("speaker_id") REFERENCES "speakers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_98fcc611bf939573cac8251a2ac" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_98fcc611bf939573cac8251a2ac"`);
    await queryRunner.query(`ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_6e16e562ec0a46a3e2acae145ad"`);
    await queryRunner.query(`ALTER TABLE "session_speakers" DROP CONSTRAINT "FK_0b34864cef1c5f92554d6b52b28"`);
    await queryRunner.query(`ALTER TABLE "speakers" DROP CONSTRAINT "FK_88725fd290d37f463ca956ccad3"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP TYPE "public"."event_format"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_event_starts"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TYPE "public"."session_state"`);
    await queryRunner.query(`DROP TYPE "public"."session_kind"`);
    await queryRunner.query(`DROP INDEX "public"."idx_session_speakers_speaker"`);
    await queryRunner.query(`DROP TABLE "session_speakers"`);
    await queryRunner.query(`DROP TYPE "public"."speaker_role"`);
    await queryRunner.query(`DROP INDEX "public"."idx_speakers_event"`);
    await queryRunner.query(`DROP TABLE "speakers"`);
  }
}
