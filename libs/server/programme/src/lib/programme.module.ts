import { Module } from '@nestjs/common';
import { ProgrammeImporter } from './interchange/programme.importer';
import { ProgrammeRepository } from './programme.repository';
import { ProgrammeService } from './programme.service';
import { ProgrammeWriter } from './programme.writer';

/**
 * Programme context: events, rooms, sessions, speakers and the event page's sections. Owns their tables (the
 * repository is the only SQL on them); other contexts read through `ProgrammeService` and write through
 * `ProgrammeWriter`. Its HTTP side lives in the organising context, which knows who is asking.
 */
@Module({
  providers: [ProgrammeRepository, ProgrammeWriter, ProgrammeService, ProgrammeImporter],
  exports: [ProgrammeService, ProgrammeWriter, ProgrammeImporter],
})
export class ProgrammeModule {}
