import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Checkin1795728746171 implements MigrationInterface {
  name = 'Checkin1795728746171';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "checkin_devices" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "session_id" uuid, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, CONSTRAINT "PK_435207f7bcfefc7c6b4fedeee74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_checkin_devices_event_person" ON "checkin_devices"  ("event_id", "person_id") `);
    await queryRunner.query(`CREATE TABLE "checkin_removals" ("registration_id" uuid NOT NULL, "event_id" uuid NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9ee8cd162d55f8bc43b3588f971" PRIMARY KEY ("registration_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_checkin_removals_event" ON "checkin_removals"  ("event_id", "removed_at") `);
    await queryRunner.query(`CREATE TYPE "public"."checkin_mode" AS ENUM('online', 'offline')`);
    await queryRunner.query(`CREATE TYPE "public"."checkin_method" AS ENUM('qr', 'manual')`);
    await queryRunner.query(`CREATE TYPE "public"."checkin_verdict" AS ENUM('admitted', 'already_checked_in', 'invalid', 'revoked', 'not_approved', 'wrong_event')`);
    await queryRunner.query(`CREATE TYPE "public"."checkin_invalid_reason" AS ENUM('malformed', 'oversized', 'bad-signature', 'unknown-ticket', 'unknown-registration')`);
    await queryRunner.query(`CREATE TABLE "checkins" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "device_id" uuid NOT NULL, "nonce" uuid NOT NULL, "gate" text NOT NULL, "mode" "public"."checkin_mode" NOT NULL, "method" "public"."checkin_method" NOT NULL, "verdict" "public"."checkin_verdict" NOT NULL, "reason" "public"."checkin_invalid_reason", "local_verdict" "public"."checkin_verdict", "ticket_id" uuid, "registration_id" uuid, "person_id" uuid, "scanned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "day" date NOT NULL, "first_checkin_id" uuid, "undone_at" TIMESTAMP WITH TIME ZONE, "undone_by" uuid, CONSTRAINT "uq_checkins_device_nonce" UNIQUE ("device_id", "nonce"), CONSTRAINT "PK_99c62633386398b154840f0708c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_checkins_event_received" ON "checkins"  ("event_id", "received_at") `);
    await queryRunner.query(`CREATE INDEX "idx_checkins_registration" ON "checkins"  ("registration_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_checkins_admission" ON "checkins"  ("registration_id", "day") WHERE "verdict" = 'admitted' AND "undone_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "checkin_devices" ADD CONSTRAINT "FK_3cb99bdd23d0f473e70839ea4aa" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checkins" ADD CONSTRAINT "FK_b1d1f5cc7c8d5e17ba66e279d0e" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checkins" ADD CONSTRAINT "FK_3e337a4a06b25d8308771734fc7" FOREIGN KEY ("device_id") REFERENCES "checkin_devices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checkins" ADD CONSTRAINT "FK_7067db8aa287c2ff4ac3a0b578b" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "checkins" ADD CONSTRAINT "FK_8127285a9708ca848f79c9034d0" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    // Written by hand (entities do not describe triggers): a tombstone per deleted registration, so incremental
    // snapshots tell offline devices to forget people erased or purged since their last refresh.
    await queryRunner.query(`CREATE FUNCTION "checkin_record_removal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "checkin_removals" ("registration_id", "event_id", "removed_at") VALUES (OLD."id", OLD."event_id", now())
  ON CONFLICT ("registration_id") DO UPDATE SET "removed_at" = EXCLUDED."removed_at";
  RETURN OLD;
END $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_registrations_checkin_removal" AFTER DELETE ON "registrations" FOR EACH ROW EXECUTE FUNCTION "checkin_record_removal"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_registrations_checkin_removal" ON "registrations"`);
    await queryRunner.query(`DROP FUNCTION "checkin_record_removal"()`);
    await queryRunner.query(`ALTER TABLE "checkins" DROP CONSTRAINT "FK_8127285a9708ca848f79c9034d0"`);
    await queryRunner.query(`ALTER TABLE "checkins" DROP CONSTRAINT "FK_7067db8aa287c2ff4ac3a0b578b"`);
    await queryRunner.query(`ALTER TABLE "checkins" DROP CONSTRAINT "FK_3e337a4a06b25d8308771734fc7"`);
    await queryRunner.query(`ALTER TABLE "checkins" DROP CONSTRAINT "FK_b1d1f5cc7c8d5e17ba66e279d0e"`);
    await queryRunner.query(`ALTER TABLE "checkin_devices" DROP CONSTRAINT "FK_3cb99bdd23d0f473e70839ea4aa"`);
    await queryRunner.query(`DROP INDEX "public"."uq_checkins_admission"`);
    await queryRunner.query(`DROP INDEX "public"."idx_checkins_registration"`);
    await queryRunner.query(`DROP INDEX "public"."idx_checkins_event_received"`);
    await queryRunner.query(`DROP TABLE "checkins"`);
    await queryRunner.query(`DROP TYPE "public"."checkin_invalid_reason"`);
    await queryRunner.query(`DROP TYPE "public"."checkin_verdict"`);
    await queryRunner.query(`DROP TYPE "public"."checkin_method"`);
    await queryRunner.query(`DROP TYPE "public"."checkin_mode"`);
    await queryRunner.query(`DROP INDEX "public"."idx_checkin_removals_event"`);
    await queryRunner.query(`DROP TABLE "checkin_removals"`);
    await queryRunner.query(`DROP INDEX "public"."idx_checkin_devices_event_person"`);
    await queryRunner.query(`DROP TABLE "checkin_devices"`);
  }
}
