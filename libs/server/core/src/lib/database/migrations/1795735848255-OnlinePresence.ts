import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OnlinePresence1795735848255 implements MigrationInterface {
  name = 'OnlinePresence1795735848255';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "live_nodes" ("id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dd0060e7341560df086c3eb32dd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "online_presence" ("id" uuid NOT NULL, "event_id" uuid NOT NULL, "session_id" uuid NOT NULL, "person_id" uuid NOT NULL, "node_id" uuid NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_c1a53eca9865ea17a968f7863eb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_online_presence_open_node" ON "online_presence"  ("node_id") WHERE "left_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_online_presence_open" ON "online_presence"  ("event_id", "session_id") WHERE "left_at" IS NULL`);
    await queryRunner.query(`CREATE INDEX "idx_online_presence_event_joined" ON "online_presence"  ("event_id", "joined_at") `);
    await queryRunner.query(`ALTER TABLE "online_presence" ADD CONSTRAINT "FK_e57e2b64b885c50a927d478cff7" FOREIGN KEY ("session_id") REFERENCES "sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "online_presence" DROP CONSTRAINT "FK_e57e2b64b885c50a927d478cff7"`);
    await queryRunner.query(`DROP INDEX "public"."idx_online_presence_event_joined"`);
    await queryRunner.query(`DROP INDEX "public"."idx_online_presence_open"`);
    await queryRunner.query(`DROP INDEX "public"."idx_online_presence_open_node"`);
    await queryRunner.query(`DROP TABLE "online_presence"`);
    await queryRunner.query(`DROP TABLE "live_nodes"`);
  }
}
