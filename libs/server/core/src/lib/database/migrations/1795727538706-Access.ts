import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Access1795727538706 implements MigrationInterface {
  name = 'Access1795727538706';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "mail_outbox" ("id" uuid NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "text" text NOT NULL, "html" text NOT NULL, "qr_payload" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_fecc63c96385bc35a39ccf2a72e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_mail_outbox_unsent" ON "mail_outbox"  ("created_at") WHERE "sent_at" IS NULL`);
    await queryRunner.query(`CREATE TABLE "audit_log" ("id" uuid NOT NULL, "event_id" uuid, "actor_id" uuid, "action" text NOT NULL, "target_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_audit_log_event" ON "audit_log"  ("event_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "people" ("id" uuid NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_c77e8752faa45901af2b245dff2" UNIQUE ("email"), CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_fc7c8b01bebb6839399c494d68a" UNIQUE ("token_hash"), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_auth_sessions_person" ON "auth_sessions"  ("person_id") `);
    await queryRunner.query(`CREATE TYPE "public"."event_role" AS ENUM('attendee', 'speaker', 'moderator', 'staff', 'organiser')`);
    await queryRunner.query(`CREATE TABLE "event_roles" ("event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "role" "public"."event_role" NOT NULL, "granted_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_65e74429c0751ac5d22d40838a4" PRIMARY KEY ("event_id", "person_id", "role"))`);
    await queryRunner.query(`CREATE INDEX "idx_event_roles_person" ON "event_roles"  ("person_id") `);
    await queryRunner.query(`CREATE TYPE "public"."approval_mode" AS ENUM('auto', 'manual')`);
    await queryRunner.query(`CREATE TABLE "event_settings" ("event_id" uuid NOT NULL, "approval_mode" "public"."approval_mode" NOT NULL DEFAULT 'manual', "in_person_capacity" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_124284a28401a1d0f690ec22081" PRIMARY KEY ("event_id"))`);
    await queryRunner.query(`CREATE TYPE "public"."attendance_mode" AS ENUM('in_person', 'remote')`);
    await queryRunner.query(`CREATE TYPE "public"."registration_status" AS ENUM('pending', 'approved', 'waitlisted', 'rejected', 'cancelled')`);
    await queryRunner.query(`CREATE TABLE "registrations" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "person_id" uuid NOT NULL, "organisation" text NOT NULL, "job_title" text NOT NULL, "country" character varying(2) NOT NULL, "attendance" "public"."attendance_mode" NOT NULL, "status" "public"."registration_status" NOT NULL DEFAULT 'pending', "accessibility_needs" text, "privacy_accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "photo_recording_consent" boolean NOT NULL DEFAULT false, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_registrations_event_person" UNIQUE ("event_id", "person_id"), CONSTRAINT "PK_6013e724d7b22929da9cd7282d1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_registrations_event_status" ON "registrations"  ("event_id", "status", "created_at") `);
    await queryRunner.query(`CREATE TABLE "sign_in_tokens" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "code_hash" bytea NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_4a87c7361bc787f34e42e1dcd24" UNIQUE ("token_hash"), CONSTRAINT "PK_32dc38a124eb12791e7726a4492" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_sign_in_tokens_person" ON "sign_in_tokens"  ("person_id", "expires_at") `);
    await queryRunner.query(`CREATE TABLE "tickets" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "registration_id" uuid NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_343bc942ae261cf7a1377f48fd0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_tickets_event_revoked" ON "tickets"  ("event_id", "revoked_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_tickets_active_registration" ON "tickets"  ("registration_id") WHERE "revoked_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_tickets_registration" ON "tickets"  ("registration_id") `);
    await queryRunner.query(`ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_0390a7dee2af4aa5aa3ef39b944" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_roles" ADD CONSTRAINT "FK_98a50ccc9038be6929beb47fe66" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_roles" ADD CONSTRAINT "FK_81e021d722832e701f43c628905" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "event_settings" ADD CONSTRAINT "FK_124284a28401a1d0f690ec22081" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registrations" ADD CONSTRAINT "FK_ad432b49cda6a69929604db8875" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "registrations" ADD CONSTRAINT "FK_c082d66f7080c743a96c1e91807" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sign_in_tokens" ADD CONSTRAINT "FK_e61b6591b571c68444fc6d72c51" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_563944c0f8910920c6dbf546507" FOREIGN KEY ("registration_id") REFERENCES "registrations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tickets" ADD CONSTRAINT "FK_bd5387c23fb40ae7e3526ad75ea" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_bd5387c23fb40ae7e3526ad75ea"`);
    await queryRunner.query(`ALTER TABLE "tickets" DROP CONSTRAINT "FK_563944c0f8910920c6dbf546507"`);
    await queryRunner.query(`ALTER TABLE "sign_in_tokens" DROP CONSTRAINT "FK_e61b6591b571c68444fc6d72c51"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_c082d66f7080c743a96c1e91807"`);
    await queryRunner.query(`ALTER TABLE "registrations" DROP CONSTRAINT "FK_ad432b49cda6a69929604db8875"`);
    await queryRunner.query(`ALTER TABLE "event_settings" DROP CONSTRAINT "FK_124284a28401a1d0f690ec22081"`);
    await queryRunner.query(`ALTER TABLE "event_roles" DROP CONSTRAINT "FK_81e021d722832e701f43c628905"`);
    await queryRunner.query(`ALTER TABLE "event_roles" DROP CONSTRAINT "FK_98a50ccc9038be6929beb47fe66"`);
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_0390a7dee2af4aa5aa3ef39b944"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tickets_registration"`);
    await queryRunner.query(`DROP INDEX "public"."uq_tickets_active_registration"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tickets_event_revoked"`);
    await queryRunner.query(`DROP TABLE "tickets"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sign_in_tokens_person"`);
    await queryRunner.query(`DROP TABLE "sign_in_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."idx_registrations_event_status"`);
    await queryRunner.query(`DROP TABLE "registrations"`);
    await queryRunner.query(`DROP TYPE "public"."registration_status"`);
    await queryRunner.query(`DROP TYPE "public"."attendance_mode"`);
    await queryRunner.query(`DROP TABLE "event_settings"`);
    await queryRunner.query(`DROP TYPE "public"."approval_mode"`);
    await queryRunner.query(`DROP INDEX "public"."idx_event_roles_person"`);
    await queryRunner.query(`DROP TABLE "event_roles"`);
    await queryRunner.query(`DROP TYPE "public"."event_role"`);
    await queryRunner.query(`DROP INDEX "public"."idx_auth_sessions_person"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP TABLE "people"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_log_event"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mail_outbox_unsent"`);
    await queryRunner.query(`DROP TABLE "mail_outbox"`);
  }
}
