import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobsAndImports1796659640150 implements MigrationInterface {
  name = 'JobsAndImports1796659640150';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_mail_outbox_unsent"`);
    await queryRunner.query(`CREATE TABLE "imports" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "kind" text NOT NULL, "file_name" text NOT NULL, "created_by" uuid, "status" text NOT NULL DEFAULT 'queued', "total_rows" integer NOT NULL, "cursor_line" integer NOT NULL DEFAULT '1', "processed_rows" integer NOT NULL DEFAULT '0', "invited" integer NOT NULL DEFAULT '0', "people_created" integer NOT NULL DEFAULT '0', "duplicates" integer NOT NULL DEFAULT '0', "error_rows" integer NOT NULL DEFAULT '0', "failure" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_imports_status" CHECK ("status" IN ('queued', 'running', 'completed', 'failed')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_imports_event" ON "imports"  ("event_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "import_rows" ("import_id" uuid NOT NULL, "line" integer NOT NULL, "email" text NOT NULL, "name" text NOT NULL, "role" text NOT NULL, CONSTRAINT "PK_825c743e0d4e9d75bf70fc0c6cc" PRIMARY KEY ("import_id", "line"))`);
    await queryRunner.query(`CREATE TABLE "import_addresses" ("import_id" uuid NOT NULL, "email" text NOT NULL, "first_line" integer NOT NULL, "person_id" uuid NOT NULL, CONSTRAINT "PK_a1b9de392bb0e45f4d01cab99a5" PRIMARY KEY ("import_id", "email"))`);
    await queryRunner.query(`CREATE TABLE "import_issues" ("import_id" uuid NOT NULL, "line" integer NOT NULL, "kind" text NOT NULL, "message" text NOT NULL, CONSTRAINT "chk_import_issues_kind" CHECK ("kind" IN ('error', 'duplicate')), CONSTRAINT "PK_f3d0086901d4287ea911498f35f" PRIMARY KEY ("import_id", "line"))`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "event_id" uuid`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "last_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" ADD "parked_at" TIMESTAMP WITH TIME ZONE`);
    // Mails the old sender had given up on (10 failed attempts) are parked, not retried.
    await queryRunner.query(`UPDATE "mail_outbox" SET "parked_at" = now() WHERE "sent_at" IS NULL AND "attempts" >= 10`);
    await queryRunner.query(`CREATE INDEX "idx_mail_outbox_parked" ON "mail_outbox"  ("event_id", "parked_at") WHERE "parked_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_mail_outbox_last_attempt" ON "mail_outbox"  ("last_attempt_at") WHERE "last_attempt_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_mail_outbox_due" ON "mail_outbox"  ("next_attempt_at") WHERE "sent_at" IS NULL AND "parked_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "imports" ADD CONSTRAINT "FK_913ac57557ceb318179d7df35d3" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "imports" ADD CONSTRAINT "FK_5d85a92631b0fad5d76b1ddd3be" FOREIGN KEY ("created_by") REFERENCES "people"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_rows" ADD CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_addresses" ADD CONSTRAINT "FK_4fd3b9f9bca05e17bda015c2ae6" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "import_issues" ADD CONSTRAINT "FK_c18bae340ee1a7aab1c2cf81183" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_issues" DROP CONSTRAINT "FK_c18bae340ee1a7aab1c2cf81183"`);
    await queryRunner.query(`ALTER TABLE "import_addresses" DROP CONSTRAINT "FK_4fd3b9f9bca05e17bda015c2ae6"`);
    await queryRunner.query(`ALTER TABLE "import_rows" DROP CONSTRAINT "FK_c175270322bf4c2e99418c2aa9f"`);
    await queryRunner.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_5d85a92631b0fad5d76b1ddd3be"`);
    await queryRunner.query(`ALTER TABLE "imports" DROP CONSTRAINT "FK_913ac57557ceb318179d7df35d3"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mail_outbox_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mail_outbox_last_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."idx_mail_outbox_parked"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "parked_at"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "last_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "mail_outbox" DROP COLUMN "event_id"`);
    await queryRunner.query(`DROP TABLE "import_issues"`);
    await queryRunner.query(`DROP TABLE "import_addresses"`);
    await queryRunner.query(`DROP TABLE "import_rows"`);
    await queryRunner.query(`DROP INDEX "public"."idx_imports_event"`);
    await queryRunner.query(`DROP TABLE "imports"`);
    await queryRunner.query(`CREATE INDEX "idx_mail_outbox_unsent" ON "mail_outbox" USING btree ("created_at") WHERE (sent_at IS NULL)`);
  }
}
