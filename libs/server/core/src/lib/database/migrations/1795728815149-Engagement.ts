import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Engagement1795728815149 implements MigrationInterface {
  name = 'Engagement1795728815149';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."poll_kind" AS ENUM('single', 'multiple')`);
    await queryRunner.query(`CREATE TYPE "public"."poll_state" AS ENUM('draft', 'open', 'closed')`);
    await queryRunner.query(`CREATE TYPE "public"."poll_result_visibility" AS ENUM('live', 'after_vote', 'after_close')`);
    await queryRunner.query(`CREATE TABLE "polls" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "question" text NOT NULL, "kind" "public"."poll_kind" NOT NULL, "options" jsonb NOT NULL, "state" "public"."poll_state" NOT NULL DEFAULT 'draft', "visibility" "public"."poll_result_visibility" NOT NULL DEFAULT 'live', "allow_change" boolean NOT NULL DEFAULT false, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b9bbb8fc7b142553c518ddffbb6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_polls_session_created" ON "polls"  ("session_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "poll_ballots" ("poll_id" uuid NOT NULL, "person_id" uuid NOT NULL, "option_ids" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_32180e488ab381740df1f041134" PRIMARY KEY ("poll_id", "person_id"))`);
    await queryRunner.query(`CREATE TYPE "public"."question_source" AS ENUM('remote', 'room', 'floor')`);
    await queryRunner.query(`CREATE TYPE "public"."question_status" AS ENUM('pending', 'approved', 'rejected', 'answered', 'archived', 'withdrawn')`);
    await queryRunner.query(`CREATE TABLE "questions" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "person_id" uuid, "entered_by" uuid, "text" text NOT NULL, "anonymous" boolean NOT NULL DEFAULT false, "source" "public"."question_source" NOT NULL, "status" "public"."question_status" NOT NULL, "highlighted" boolean NOT NULL DEFAULT false, "edited_by_moderator" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_questions_highlighted_approved" CHECK (NOT "highlighted" OR "status" = 'approved'), CONSTRAINT "PK_08a6d4b0f49ff300bf3a0ca60ac" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_questions_session_highlighted" ON "questions"  ("session_id") WHERE "highlighted"`);
    await queryRunner.query(`CREATE INDEX "idx_questions_session_created" ON "questions"  ("session_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "question_votes" ("question_id" uuid NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_875a400ab3098c69fdcee947931" PRIMARY KEY ("question_id", "person_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_question_votes_person" ON "question_votes"  ("person_id") `);
    await queryRunner.query(`CREATE TYPE "public"."qa_mode" AS ENUM('pre_moderated', 'open')`);
    await queryRunner.query(`CREATE TABLE "session_engagement" ("session_id" uuid NOT NULL, "qa_mode" "public"."qa_mode" NOT NULL DEFAULT 'pre_moderated', "anonymous_allowed" boolean NOT NULL DEFAULT true, "confidential" boolean NOT NULL DEFAULT false, "seq" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_81c26100cc839dcdcef09d8ad4c" PRIMARY KEY ("session_id"))`);
    await queryRunner.query(`ALTER TABLE "polls" ADD CONSTRAINT "FK_872280f77a88c4233b2cfe05b21" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "poll_ballots" ADD CONSTRAINT "FK_1ffc1683a418eb13b4b8f3f2ce5" FOREIGN KEY ("poll_id") REFERENCES "polls"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "questions" ADD CONSTRAINT "FK_6a122873055961342d11ea9e3eb" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "question_votes" ADD CONSTRAINT "FK_c7514956e9a7667e5d0136b2559" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "session_engagement" ADD CONSTRAINT "FK_81c26100cc839dcdcef09d8ad4c" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "session_engagement" DROP CONSTRAINT "FK_81c26100cc839dcdcef09d8ad4c"`);
    await queryRunner.query(`ALTER TABLE "question_votes" DROP CONSTRAINT "FK_c7514956e9a7667e5d0136b2559"`);
    await queryRunner.query(`ALTER TABLE "questions" DROP CONSTRAINT "FK_6a122873055961342d11ea9e3eb"`);
    await queryRunner.query(`ALTER TABLE "poll_ballots" DROP CONSTRAINT "FK_1ffc1683a418eb13b4b8f3f2ce5"`);
    await queryRunner.query(`ALTER TABLE "polls" DROP CONSTRAINT "FK_872280f77a88c4233b2cfe05b21"`);
    await queryRunner.query(`DROP TABLE "session_engagement"`);
    await queryRunner.query(`DROP TYPE "public"."qa_mode"`);
    await queryRunner.query(`DROP INDEX "public"."idx_question_votes_person"`);
    await queryRunner.query(`DROP TABLE "question_votes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_questions_session_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_questions_session_highlighted"`);
    await queryRunner.query(`DROP TABLE "questions"`);
    await queryRunner.query(`DROP TYPE "public"."question_status"`);
    await queryRunner.query(`DROP TYPE "public"."question_source"`);
    await queryRunner.query(`DROP TABLE "poll_ballots"`);
    await queryRunner.query(`DROP INDEX "public"."idx_polls_session_created"`);
    await queryRunner.query(`DROP TABLE "polls"`);
    await queryRunner.query(`DROP TYPE "public"."poll_result_visibility"`);
    await queryRunner.query(`DROP TYPE "public"."poll_state"`);
    await queryRunner.query(`DROP TYPE "public"."poll_kind"`);
  }
}
