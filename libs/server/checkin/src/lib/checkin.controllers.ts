import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  attendanceRecordsQuerySchema,
  attendanceTimelineQuerySchema,
  checkinBatchRequestSchema,
  eventSlugParamsSchema,
  checkinParamsSchema,
  checkinRequestSchema,
  checkinSearchQuerySchema,
  deviceParamsSchema,
  registerDeviceRequestSchema,
  snapshotQuerySchema,
  undoCheckinRequestSchema,
  type AttendanceRecordList,
  type AttendanceSummary,
  type AttendanceTimeline,
  type CheckinBatchResult,
  type CheckinDevice,
  type CheckinDeviceList,
  type CheckinResult,
  type CheckinSearchResult,
  type CheckinSnapshot,
  type ConflictReport,
  type MyPresence,
} from '@plenary/contracts';
import {
  Authenticated,
  CurrentEvent,
  CurrentPrincipal,
  EventVisibilityService,
  RequireEventRole,
  type Principal,
} from '@plenary/server-access';
import { ZodPipe } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AttendanceService } from './attendance/attendance.service';
import { ConflictReportService } from './conflicts/conflict-report.service';
import { DeviceService } from './devices/device.service';
import { ScanService } from './scans/scan.service';
import { SearchService } from './search/search.service';
import { SnapshotService } from './snapshot/snapshot.service';

/** Largest batch upload body: 500 scans with room to spare (other routes keep the 64 KiB default). */
export const BATCH_BODY_LIMIT = 1024 * 1024;

/** The door: devices, scans, undo, search and the offline snapshot. Staff and organisers. */
@Controller('events/:slug/checkins')
@RequireEventRole('staff', 'organiser')
export class CheckinController {
  constructor(
    private readonly devices: DeviceService,
    private readonly scans: ScanService,
    private readonly searches: SearchService,
    private readonly snapshots: SnapshotService,
  ) {}

  @Post('devices')
  @HttpCode(201)
  registerDevice(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(registerDeviceRequestSchema)) body: z.output<typeof registerDeviceRequestSchema>,
  ): Promise<CheckinDevice> {
    return this.devices.register(event, principal, body.name);
  }

  @Get('devices')
  listDevices(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CheckinDeviceList> {
    return this.devices.list(event, principal);
  }

  @Post()
  @HttpCode(200)
  scan(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(checkinRequestSchema)) body: z.output<typeof checkinRequestSchema>,
  ): Promise<CheckinResult> {
    return this.scans.scanOne(event, principal, body);
  }

  @Post('batch')
  @HttpCode(200)
  @RouteConfig({ bodyLimit: BATCH_BODY_LIMIT })
  batch(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodPipe(checkinBatchRequestSchema)) body: z.output<typeof checkinBatchRequestSchema>,
  ): Promise<CheckinBatchResult> {
    return this.scans.scanBatch(event, principal, body);
  }

  @Post(':checkinId/undo')
  @HttpCode(200)
  undo(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(checkinParamsSchema)) params: z.output<typeof checkinParamsSchema>,
    @Body(new ZodPipe(undoCheckinRequestSchema)) body: z.output<typeof undoCheckinRequestSchema>,
  ): Promise<CheckinResult> {
    return this.scans.undo(event, principal, body.deviceId, params.checkinId);
  }

  @Get('search')
  search(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodPipe(checkinSearchQuerySchema)) query: z.output<typeof checkinSearchQuerySchema>,
  ): Promise<CheckinSearchResult> {
    return this.searches.search(event, principal, query);
  }

  @Get('snapshot')
  snapshot(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodPipe(snapshotQuerySchema)) query: z.output<typeof snapshotQuerySchema>,
  ): Promise<CheckinSnapshot> {
    return this.snapshots.snapshot(event, principal, query);
  }
}

/** Organisers: revoking devices, the conflict report and attendance. */
@Controller('events/:slug')
@RequireEventRole('organiser')
export class CheckinOrganiserController {
  constructor(
    private readonly devices: DeviceService,
    private readonly conflicts: ConflictReportService,
    private readonly attendance: AttendanceService,
  ) {}

  @Post('checkins/devices/:deviceId/revoke')
  @HttpCode(200)
  revokeDevice(
    @CurrentEvent() event: EventEntity,
    @CurrentPrincipal() principal: Principal,
    @Param(new ZodPipe(deviceParamsSchema)) params: z.output<typeof deviceParamsSchema>,
  ): Promise<CheckinDevice> {
    return this.devices.revoke(event, principal, params.deviceId);
  }

  @Get('checkins/conflicts')
  conflictReport(@CurrentEvent() event: EventEntity): Promise<ConflictReport> {
    return this.conflicts.report(event);
  }

  @Get('attendance')
  summary(@CurrentEvent() event: EventEntity): Promise<AttendanceSummary> {
    return this.attendance.summary(event);
  }

  @Get('attendance/records')
  records(
    @CurrentEvent() event: EventEntity,
    @Query(new ZodPipe(attendanceRecordsQuerySchema)) query: z.output<typeof attendanceRecordsQuerySchema>,
  ): Promise<AttendanceRecordList> {
    return this.attendance.records(event, query);
  }

  @Get('attendance.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('cache-control', 'no-store')
  async recordsCsv(
    @CurrentEvent() event: EventEntity,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.header('content-disposition', `attachment; filename="${event.slug}-attendance.csv"`);
    return this.attendance.recordsCsv(event);
  }

  @Get('attendance/timeline')
  timeline(
    @CurrentEvent() event: EventEntity,
    @Query(new ZodPipe(attendanceTimelineQuerySchema)) query: z.output<typeof attendanceTimelineQuerySchema>,
  ): Promise<AttendanceTimeline> {
    return this.attendance.timeline(event, query.day);
  }
}

/** The signed-in person's own side of attendance: the hybrid switch's initial state. */
@Controller('events/:slug')
export class AttendeePresenceController {
  constructor(
    private readonly visibility: EventVisibilityService,
    private readonly attendance: AttendanceService,
  ) {}

  /** Admitted at the door today (event time zone)? Anyone signed in may ask about themselves. */
  @Get('my/presence')
  @Authenticated()
  @Header('cache-control', 'no-store')
  async myPresence(
    @Param(new ZodPipe(eventSlugParamsSchema)) params: z.output<typeof eventSlugParamsSchema>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<MyPresence> {
    return this.attendance.myPresence(
      await this.visibility.requireVisible(params.slug, request),
      principal.personId,
    );
  }
}
