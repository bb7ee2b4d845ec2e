import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { AccessModule } from '@plenary/server-access';
import { AgendaController, CalendarController } from './agenda/agenda.controllers';
import { AgendaPersonalData } from './agenda/agenda-personal-data';
import { AgendaService } from './agenda/agenda.service';
import { ProgrammeModule } from '@plenary/server-programme';
import {
  EventAdministrationController,
  ProgrammeEditorController,
  PublicProgrammeController,
} from './organising.controllers';
import { InterchangeController } from './interchange/interchange.controller';
import { InterchangeService } from './interchange/interchange.service';
import { ScheduleBodyParser } from './interchange/schedule-body.parser';
import { EventContactController } from './event-contact.controller';
import { EventContactService } from './event-contact.service';
import { OrganisingService } from './organising.service';
import { PublicProgrammeService } from './public-programme.service';
import { MultipartSupport } from './photos/multipart-support';
import { SpeakerPhotoController } from './photos/speaker-photo.controller';
import { SpeakerPhotoService } from './photos/speaker-photo.service';
import { SESSION_ACTIVITY_SOURCES, type SessionActivitySource } from './session-activity';
import { SESSION_CANCELLATION_HANDLERS, type SessionCancellationHandler } from './session-cancellation';

export interface OrganisingOptions {
  /** Modules that provide the session activity sources. */
  imports?: ModuleMetadata['imports'];
  /** Contexts that keep data about sessions (engagement, media): a session with any is cancelled, not deleted. */
  sessionActivity?: Array<Type<SessionActivitySource>>;
  /** Contexts that close what runs in a session when it is cancelled (engagement's polls and Q&A, media's stage). */
  sessionCancellation?: Array<Type<SessionCancellationHandler>>;
}

/**
 * Organising context: the HTTP side of running events — instance administrators, event lifecycle, organisers, the
 * programme editor — and the public programme reads, which know who is asking (drafts are for their team). Rules and
 * tables are the programme context's; roles, audit and registrations the access context's.
 */
@Module({
  imports: [ProgrammeModule, AccessModule],
  controllers: [
    PublicProgrammeController,
    EventAdministrationController,
    ProgrammeEditorController,
    InterchangeController,
    // Personal agenda and calendar files (issue #12).
    AgendaController,
    CalendarController,
    EventContactController,
    SpeakerPhotoController,
  ],
  providers: [
    OrganisingService,
    PublicProgrammeService,
    InterchangeService,
    ScheduleBodyParser,
    AgendaService,
    AgendaPersonalData,
    EventContactService,
    SpeakerPhotoService,
    MultipartSupport,
  ],
  exports: [OrganisingService],
})
export class OrganisingModule {
  static register(options: OrganisingOptions = {}): DynamicModule {
    const sources = options.sessionActivity ?? [];
    const closers = options.sessionCancellation ?? [];
    return {
      module: OrganisingModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: SESSION_ACTIVITY_SOURCES,
          useFactory: (...instances: SessionActivitySource[]) => instances,
          inject: sources,
        },
        {
          provide: SESSION_CANCELLATION_HANDLERS,
          useFactory: (...instances: SessionCancellationHandler[]) => instances,
          inject: closers,
        },
      ],
    };
  }
}
