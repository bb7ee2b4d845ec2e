import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Media1795728631575 implements MigrationInterface {
  name = 'Media1795728631575';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media_bans" ("event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "session_id" uuid, "banned_by" uuid, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_02b8eb95b43406992695c453b51" PRIMARY KEY ("event_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_media_bans_person" ON "media_bans"  ("person_id") `);
    await queryRunner.query(`CREATE TYPE "public"."media_room" AS ENUM('main', 'backstage')`);
    await queryRunner.query(
      `CREATE TABLE "media_presence" ("participant_sid" text NOT NULL, "session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "room" "public"."media_room" NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d107dc65bd5730f67520841ab26" PRIMARY KEY ("participant_sid"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_media_presence_session_person" ON "media_presence"  ("session_id", "person_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "media_stages" ("session_id" uuid NOT NULL, "backstage_opened_at" TIMESTAMP WITH TIME ZONE, "recording_egress_id" text, "recording_started_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6e83eaa8093bdc90cef4f5946ff" PRIMARY KEY ("session_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "media_webhook_events" ("id" text NOT NULL, "event" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_28967ab4244494175a27880b0f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."media_hand_status" AS ENUM('raised', 'invited', 'on_stage')`,
    );
    await queryRunner.query(
      `CREATE TABLE "media_hands" ("session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "status" "public"."media_hand_status" NOT NULL DEFAULT 'raised', "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invited_at" TIMESTAMP WITH TIME ZONE, "invited_by" uuid, "accepted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e6638025f4dedc421eb4278286d" PRIMARY KEY ("session_id", "person_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_media_hands_person" ON "media_hands"  ("person_id") `);
    await queryRunner.query(
      `CREATE INDEX "idx_media_hands_queue" ON "media_hands"  ("session_id", "raised_at") `,
    );
    await queryRunner.query(`ALTER TABLE "sessions" ADD "confidential" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `ALTER TABLE "media_bans" ADD CONSTRAINT "FK_a8374676bb3aae15c85bbcb1a74" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_bans" ADD CONSTRAINT "FK_6ae84d47f80ab4bc3a567be573d" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_presence" ADD CONSTRAINT "FK_ef8447276f1239350cfe0b1bd19" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_stages" ADD CONSTRAINT "FK_6e83eaa8093bdc90cef4f5946ff" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_hands" ADD CONSTRAINT "FK_05d82c1ff3f729208e6036d5479" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "media_hands" ADD CONSTRAINT "FK_72336764a99552ee7996f45becb" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "media_hands" DROP CONSTRAINT "FK_72336764a99552ee7996f45becb"`);
    await queryRunner.query(`ALTER TABLE "media_hands" DROP CONSTRAINT "FK_05d82c1ff3f729208e6036d5479"`);
    await queryRunner.query(`ALTER TABLE "media_stages" DROP CONSTRAINT "FK_6e83eaa8093bdc90cef4f5946ff"`);
    await queryRunner.query(`ALTER TABLE "media_presence" DROP CONSTRAINT "FK_ef8447276f1239350cfe0b1bd19"`);
    await queryRunner.query(`ALTER TABLE "media_bans" DROP CONSTRAINT "FK_6ae84d47f80ab4bc3a567be573d"`);
    await queryRunner.query(`ALTER TABLE "media_bans" DROP CONSTRAINT "FK_a8374676bb3aae15c85bbcb1a74"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "confidential"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_hands_queue"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_hands_person"`);
    await queryRunner.query(`DROP TABLE "media_hands"`);
    await queryRunner.query(`DROP TYPE "public"."media_hand_status"`);
    await queryRunner.query(`DROP TABLE "media_webhook_events"`);
    await queryRunner.query(`DROP TABLE "media_stages"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_presence_session_person"`);
    await queryRunner.query(`DROP TABLE "media_presence"`);
    await queryRunner.query(`DROP TYPE "public"."media_room"`);
    await queryRunner.query(`DROP INDEX "public"."idx_media_bans_person"`);
    await queryRunner.query(`DROP TABLE "media_bans"`);
  }
}
