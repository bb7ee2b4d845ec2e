import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationIntegrity1796659344759 implements MigrationInterface {
  name = 'RegistrationIntegrity1796659344759';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consent_kind" AS ENUM('privacy_notice', 'photo_recording')`);
    await queryRunner.query(`CREATE TYPE "public"."consent_source" AS ENUM('public_form', 'own_account')`);
    await queryRunner.query(`CREATE TABLE "consent_records" ("id" uuid NOT NULL, "person_id" uuid NOT NULL, "event_id" uuid NOT NULL, "kind" "public"."consent_kind" NOT NULL, "granted" boolean NOT NULL, "source" "public"."consent_source" NOT NULL, "actor_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_030be152eaa44998166470b2ccc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_consent_records_person" ON "consent_records"  ("person_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "registration_requests" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_75e49f863f30250e82ab8638eaa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "consent_records" ADD CONSTRAINT "FK_4e5de40ddb140b2b882625c6812" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consent_records" ADD CONSTRAINT "FK_c9925191b25b8ee9f9a4c4dad3a" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // The consent log starts with what each registration holds today; how it was given is not known, so it is
    // taken for the public form (the only way to register until now).
    await queryRunner.query(`INSERT INTO "consent_records" ("id", "person_id", "event_id", "kind", "granted", "source", "actor_id", "created_at")
      SELECT gen_random_uuid(), "person_id", "event_id", 'privacy_notice'::consent_kind, true, 'public_form'::consent_source, NULL::uuid, "privacy_accepted_at" FROM "registrations"
      UNION ALL
      SELECT gen_random_uuid(), "person_id", "event_id", 'photo_recording'::consent_kind, "photo_recording_consent", 'public_form'::consent_source, NULL::uuid, "privacy_accepted_at" FROM "registrations"`);
    await queryRunner.query(`ALTER TABLE "registration_requests" ADD CONSTRAINT "FK_135a7cb340a1cd83166fe2502bc" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "registration_requests" DROP CONSTRAINT "FK_135a7cb340a1cd83166fe2502bc"`);
    await queryRunner.query(`ALTER TABLE "consent_records" DROP CONSTRAINT "FK_c9925191b25b8ee9f9a4c4dad3a"`);
    await queryRunner.query(`ALTER TABLE "consent_records" DROP CONSTRAINT "FK_4e5de40ddb140b2b882625c6812"`);
    await queryRunner.query(`DROP TABLE "registration_requests"`);
    await queryRunner.query(`DROP INDEX "public"."idx_consent_records_person"`);
    await queryRunner.query(`DROP TABLE "consent_records"`);
    await queryRunner.query(`DROP TYPE "public"."consent_source"`);
    await queryRunner.query(`DROP TYPE "public"."consent_kind"`);
  }
}
