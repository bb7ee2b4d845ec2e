import { Module, type DynamicModule, type ModuleMetadata, type Provider, type Type } from '@nestjs/common';
import { CheckinPersonalData } from './attendance/checkin-personal-data';
import { AccessModule, AuditService } from '@plenary/server-access';
import { ProgrammeModule } from '@plenary/server-programme';
import { AttendanceService } from './attendance/attendance.service';
import {
  MEDIA_ATTENDANCE_SOURCE,
  ONLINE_PRESENCE_SOURCE,
  type MediaAttendanceSource,
  type OnlinePresenceSource,
} from './attendance/attendance.sources';
import {
  AttendeePresenceController,
  CheckinController,
  CheckinOrganiserController,
} from './checkin.controllers';
import { ConflictReportService } from './conflicts/conflict-report.service';
import { DeviceService } from './devices/device.service';
import { ScanRepository } from './scans/scan.repository';
import { ScanService } from './scans/scan.service';
import { SearchService } from './search/search.service';
import { SnapshotService } from './snapshot/snapshot.service';

export interface AttendanceSources {
  /** Modules that provide the sources below. */
  imports?: ModuleMetadata['imports'];
  /** Media attendance (LiveKit webhooks), from `libs/server/media`. */
  media?: Type<MediaAttendanceSource>;
  /** Socket presence ("online now"), from the live service's store. */
  presence?: Type<OnlinePresenceSource>;
}

/** Check-in context: scanning devices, door scans (online and offline), the snapshot, conflicts, attendance. */
@Module({
  imports: [ProgrammeModule, AccessModule],
  controllers: [CheckinController, CheckinOrganiserController, AttendeePresenceController],
  providers: [
    CheckinPersonalData,
    AuditService,
    DeviceService,
    ScanRepository,
    ScanService,
    SearchService,
    SnapshotService,
    ConflictReportService,
    AttendanceService,
  ],
  exports: [AttendanceService],
})
export class CheckinModule {
  /** The module with attendance sources plugged in (the seams for media attendance and online presence). */
  static withSources(sources: AttendanceSources): DynamicModule {
    const providers: Provider[] = [];
    if (sources.media) providers.push({ provide: MEDIA_ATTENDANCE_SOURCE, useExisting: sources.media });
    if (sources.presence) providers.push({ provide: ONLINE_PRESENCE_SOURCE, useExisting: sources.presence });
    return { module: CheckinModule, imports: sources.imports ?? [], providers };
  }
}
