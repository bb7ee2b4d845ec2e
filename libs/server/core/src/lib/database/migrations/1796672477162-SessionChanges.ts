import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SessionChanges1796672477162 implements MigrationInterface {
  name = 'SessionChanges1796672477162';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" ADD "previous_starts_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "previous_room_id" uuid`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD "changed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_00382b0ef3c2ca31c88ab920ea9" FOREIGN KEY ("previous_room_id") REFERENCES "rooms"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_00382b0ef3c2ca31c88ab920ea9"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "changed_at"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "previous_room_id"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "previous_starts_at"`);
  }
}
