import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WritableProgramme1796659463338 implements MigrationInterface {
  name = 'WritableProgramme1796659463338';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."partner_tier" AS ENUM('supporter', 'partner', 'media')`);
    await queryRunner.query(`CREATE TABLE "event_partners" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "name" text NOT NULL, "url" text, "logo_url" text, "tier" "public"."partner_tier" NOT NULL DEFAULT 'supporter', "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_2f0f7451e011aca2362a8de3b51" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_event_partners_event" ON "event_partners"  ("event_id", "sort_order") `);
    await queryRunner.query(`CREATE TYPE "public"."room_video_mode" AS ENUM('livekit', 'external', 'in_room')`);
    await queryRunner.query(`CREATE TABLE "rooms" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "name" text NOT NULL, "capacity" integer, "video_mode" "public"."room_video_mode" NOT NULL DEFAULT 'livekit', "external_stream_url" text, "sort_order" integer NOT NULL DEFAULT '0', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_rooms_event_name" UNIQUE ("event_id", "name"), CONSTRAINT "chk_rooms_external_url" CHECK ("video_mode" <> 'external' OR "external_stream_url" IS NOT NULL), CONSTRAINT "PK_0368a2d7c215f2d0458a54933f2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rooms_event" ON "rooms"  ("event_id", "sort_order") `);
    await queryRunner.query(`CREATE TABLE "event_blocks" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "title" text NOT NULL, "body" text NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_961c377eae145f171d6fda10395" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_event_blocks_event" ON "event_blocks"  ("event_id", "sort_order") `);
    await queryRunner.query(`CREATE TABLE "event_slug_redirects" ("slug" character varying(64) NOT NULL, "event_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8f54107683b5ab7c1f3ad4a7d03" PRIMARY KEY ("slug"))`);
    await queryRunner.query(`CREATE INDEX "idx_event_slug_redirects_event" ON "event_slug_redirects"  ("event_id") `);
    await queryRunner.query(`CREATE TABLE "platform_admins" ("person_id" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "granted_by" uuid, CONSTRAINT "PK_7dfaf68412a3301cc819bc2e2ce" PRIMARY KEY ("person_id"))`);
    await queryRunner.query(`ALTER TABLE "speakers" ADD "external_id" text`);
    await queryRunner.query(`ALTER TABLE "speakers" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "room_id" uuid`);
    // Rooms come from the sessions' room names: one room per distinct name per event, ordered by name.
    await queryRunner.query(
      `INSERT INTO "rooms" ("id", "event_id", "name", "sort_order")
       SELECT gen_random_uuid(), "event_id", "room", (row_number() OVER (PARTITION BY "event_id" ORDER BY "room"))::int - 1
         FROM (SELECT DISTINCT "event_id", "room" FROM "sessions" WHERE "room" IS NOT NULL AND "room" <> '') AS named`,
    );
    await queryRunner.query(
      `UPDATE "sessions" s SET "room_id" = r."id" FROM "rooms" r WHERE r."event_id" = s."event_id" AND r."name" = s."room"`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "room"`);
    await queryRunner.query(`CREATE TYPE "public"."session_visibility" AS ENUM('public', 'registered')`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "visibility" "public"."session_visibility" NOT NULL DEFAULT 'public'`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "cancelled" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "qa_enabled" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "polls_enabled" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "external_id" text`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'archived')`);
    // Events that exist are public already: they become published (the editor creates new ones as drafts).
    await queryRunner.query(`ALTER TABLE "events" ADD "status" "public"."event_status" NOT NULL DEFAULT 'published'`);
    await queryRunner.query(`ALTER TABLE "events" ADD "short_name" text`);
    await queryRunner.query(`ALTER TABLE "events" ADD "venue_address" text`);
    await queryRunner.query(`ALTER TABLE "events" ADD "languages" text array NOT NULL DEFAULT '{en}'`);
    await queryRunner.query(`ALTER TABLE "events" ADD "logo_url" text`);
    await queryRunner.query(`ALTER TABLE "events" ADD "accent_color" character varying(7)`);
    await queryRunner.query(`ALTER TABLE "events" ADD "contact_address" text`);
    await queryRunner.query(`ALTER TABLE "events" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "events" ADD "programme_version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TYPE "public"."speaker_role" ADD VALUE 'speaker'`);
    await queryRunner.query(`ALTER TYPE "public"."speaker_role" ADD VALUE 'interpreter'`);
    await queryRunner.query(`ALTER TYPE "public"."session_kind" ADD VALUE 'talk'`);
    await queryRunner.query(`ALTER TYPE "public"."session_kind" ADD VALUE 'workshop'`);
    await queryRunner.query(`ALTER TYPE "public"."session_kind" ADD VALUE 'break'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_speakers_event_external_id" ON "speakers"  ("event_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_sessions_event_external_id" ON "sessions"  ("event_id", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_sessions_room" ON "sessions"  ("room_id") `);
    await queryRunner.query(`ALTER TABLE "event_partners" ADD CONSTRAINT "FK_2b03b96ba822555a161fa1a1ae5" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rooms" ADD CONSTRAINT "FK_1cdce9c95b3cd5e56b9e0f7f154" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_385ceb9a1f74fe2c97543f5453f" FOREIGN KEY ("room_id") REFERENCES "rooms"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_blocks" ADD CONSTRAINT "FK_a40dbe546169c95b22c57049337" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_slug_redirects" ADD CONSTRAINT "FK_8fafc584f749ec755342b4882ca" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "platform_admins" ADD CONSTRAINT "FK_7dfaf68412a3301cc819bc2e2ce" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "platform_admins" DROP CONSTRAINT "FK_7dfaf68412a3301cc819bc2e2ce"`);
    await queryRunner.query(`ALTER TABLE "event_slug_redirects" DROP CONSTRAINT "FK_8fafc584f749ec755342b4882ca"`);
    await queryRunner.query(`ALTER TABLE "event_blocks" DROP CONSTRAINT "FK_a40dbe546169c95b22c57049337"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_385ceb9a1f74fe2c97543f5453f"`);
    await queryRunner.query(`ALTER TABLE "rooms" DROP CONSTRAINT "FK_1cdce9c95b3cd5e56b9e0f7f154"`);
    await queryRunner.query(`ALTER TABLE "event_partners" DROP CONSTRAINT "FK_2b03b96ba822555a161fa1a1ae5"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sessions_room"`);
    await queryRunner.query(`DROP INDEX "public"."uq_sessions_event_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_speakers_event_external_id"`);
    await queryRunner.query(`CREATE TYPE "public"."session_kind_old" AS ENUM('opening', 'keynote', 'panel', 'closing', 'other')`);
    await queryRunner.query(`ALTER TABLE "sessions" ALTER COLUMN "kind" TYPE "public"."session_kind_old" USING "kind"::"text"::"public"."session_kind_old"`);
    await queryRunner.query(`DROP TYPE "public"."session_kind"`);
    await queryRunner.query(`ALTER TYPE "public"."session_kind_old" RENAME TO "session_kind"`);
    await queryRunner.query(`CREATE TYPE "public"."speaker_role_old" AS ENUM('chair', 'moderator', 'panelist', 'keynote')`);
    await queryRunner.query(`ALTER TABLE "session_speakers" ALTER COLUMN "role" TYPE "public"."speaker_role_old" USING "role"::"text"::"public"."speaker_role_old"`);
    await queryRunner.query(`DROP TYPE "public"."speaker_role"`);
    await queryRunner.query(`ALTER TYPE "public"."speaker_role_old" RENAME TO "speaker_role"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "programme_version"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "contact_address"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "accent_color"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "logo_url"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "languages"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "venue_address"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "short_name"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "status"`);
    await queryRunner.query(`DROP TYPE "public"."event_status"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "external_id"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "polls_enabled"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "qa_enabled"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "cancelled"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "visibility"`);
    await queryRunner.query(`DROP TYPE "public"."session_visibility"`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "room" text`);
    await queryRunner.query(
      `UPDATE "sessions" s SET "room" = r."name" FROM "rooms" r WHERE r."id" = s."room_id"`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "room_id"`);
    await queryRunner.query(`ALTER TABLE "speakers" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "speakers" DROP COLUMN "external_id"`);
    await queryRunner.query(`DROP TABLE "platform_admins"`);
    await queryRunner.query(`DROP INDEX "public"."idx_event_slug_redirects_event"`);
    await queryRunner.query(`DROP TABLE "event_slug_redirects"`);
    await queryRunner.query(`DROP INDEX "public"."idx_event_blocks_event"`);
    await queryRunner.query(`DROP TABLE "event_blocks"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rooms_event"`);
    await queryRunner.query(`DROP TABLE "rooms"`);
    await queryRunner.query(`DROP TYPE "public"."room_video_mode"`);
    await queryRunner.query(`DROP INDEX "public"."idx_event_partners_event"`);
    await queryRunner.query(`DROP TABLE "event_partners"`);
    await queryRunner.query(`DROP TYPE "public"."partner_tier"`);
  }
}
