import { Module } from '@nestjs/common';
import { ProgrammeController } from './programme.controller';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeService } from './programme.service';

/** Programme context: events, days, sessions and speakers. */
@Module({
  controllers: [ProgrammeController],
  providers: [ProgrammeRepository, ProgrammeService],
  exports: [ProgrammeService],
})
export class ProgrammeModule {}
