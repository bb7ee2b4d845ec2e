import { Module, type DynamicModule } from '@nestjs/common';
import {
  AccessModule,
  AccountService,
  AuditService,
  PlatformAdminService,
  RoleService,
  SessionService,
  TicketService,
} from '@plenary/server-access';
import { ProgrammeModule } from '@plenary/server-programme';
import { EngagementAccessService } from './engagement-access.service';
import {
  DEFAULT_ENGAGEMENT_LIMITS,
  ENGAGEMENT_LIMITS,
  EngagementRateLimiter,
  type EngagementLimits,
} from './engagement-rate-limiter';
import { EngagementRepository } from './engagement.repository';
import { EngagementExportController } from './export/engagement-export.controller';
import { EngagementExportService } from './export/engagement-export.service';
import { EngagementPersonalData } from './export/engagement-personal-data';
import { EngagementSessionActivity } from './export/engagement-session-activity';
import { EngagementSessionClosing } from './export/engagement-session-closing';
import { PollsService } from './polls.service';
import { PresenceReader } from './presence/presence-reader';
import {
  DEFAULT_PRESENCE_OPTIONS,
  PRESENCE_OPTIONS,
  PresenceTracker,
  type PresenceOptions,
} from './presence/presence-tracker';
import { QuestionsService } from './questions.service';
import { EngagementBroadcaster } from './realtime/engagement.broadcaster';
import { EngagementTicker } from './realtime/engagement.ticker';
import { SequenceBeacon } from './realtime/sequence-beacon';
import { SessionChanges } from './session-changes';
import { SessionEngagementService } from './session-engagement.service';
import { VoteBatcher } from './vote-batcher';

export interface EngagementModuleOptions {
  /**
   * Multiplies the points of every default per-person limit (`ENGAGEMENT_RATE_LIMIT_FACTOR`; 1 = as designed).
   * Benchmarks raise it; `limits` below still wins for the kinds it names.
   */
  limitFactor?: number;
  /** Raise or lower the per-person limits (benchmarks, tests). */
  limits?: Partial<EngagementLimits>;
  /** Shorter presence heartbeats and TTL (tests). */
  presence?: Partial<PresenceOptions>;
}

/** The default limits with their points multiplied by `factor` (windows unchanged). */
export function scaledEngagementLimits(factor = 1): EngagementLimits {
  const scaled = { ...DEFAULT_ENGAGEMENT_LIMITS };
  for (const kind of Object.keys(scaled) as Array<keyof EngagementLimits>) {
    scaled[kind] = { ...scaled[kind], points: scaled[kind].points * factor };
  }
  return scaled;
}

/**
 * Live Q&A and polls for the live service: the services its gateway calls, the vote batcher and the ranking and
 * tally ticker. The access checks it needs are provided here directly, so the access context's HTTP controllers do
 * not come along into the live service.
 */
@Module({})
export class EngagementModule {
  static register(options: EngagementModuleOptions = {}): DynamicModule {
    const services = [
      EngagementAccessService,
      EngagementRateLimiter,
      EngagementBroadcaster,
      SequenceBeacon,
      SessionEngagementService,
      QuestionsService,
      PollsService,
      PresenceTracker,
      PresenceReader,
    ];
    return {
      module: EngagementModule,
      // The programme context has no controllers: its services come along alone (confidentiality is the session's).
      imports: [ProgrammeModule],
      providers: [
        {
          provide: ENGAGEMENT_LIMITS,
          useValue: { ...scaledEngagementLimits(options.limitFactor), ...options.limits },
        },
        { provide: PRESENCE_OPTIONS, useValue: { ...DEFAULT_PRESENCE_OPTIONS, ...options.presence } },
        RoleService,
        TicketService,
        AccountService,
        PlatformAdminService,
        AuditService,
        SessionService,
        EngagementRepository,
        EngagementTicker,
        VoteBatcher,
        SessionChanges,
        ...services,
      ],
      exports: services,
    };
  }
}

/** The api side: CSV and JSON exports for moderators and organisers. */
@Module({
  imports: [AccessModule, ProgrammeModule],
  controllers: [EngagementExportController],
  providers: [
    EngagementRepository,
    EngagementExportService,
    EngagementPersonalData,
    EngagementSessionActivity,
    EngagementSessionClosing,
  ],
  exports: [EngagementSessionActivity, EngagementSessionClosing],
})
export class EngagementExportModule {}

/** The api side of online presence: reading what the live nodes wrote (the attendance report's source). */
@Module({ providers: [PresenceReader], exports: [PresenceReader] })
export class PresenceReadModule {}
