import { Inject, Injectable } from '@nestjs/common';
import type { StageState } from '@plenary/contracts';
import { AuditService, type Principal } from '@plenary/server-access';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { ProgrammeException, ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { DataSource, type EntityManager } from 'typeorm';
import { LiveKitGateway } from '../livekit/livekit.gateway';
import { liveKitFailure, MediaException } from '../media.exception';
import { MediaRepository, type StageRow } from '../media.repository';
import { roomName } from '../token/media-grants';
import { publishStageChanged, stageStateOf } from './stage-events';

/** Where egress writes recordings, relative to the storage configured in the egress service. */
const RECORDING_FILEPATH = 'plenary/{room_name}-{time}.mp4';

export const invalidTransition = (message: string, details?: unknown): MediaException =>
  new MediaException('media/invalid-transition', message, details);

/**
 * The session stage as moderators drive it: open the backstage, go live, end; record where egress exists. Each
 * change locks the session row, commits with its audit entry, and is safe to repeat.
 */
@Injectable()
export class StageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly repository: MediaRepository,
    private readonly livekit: LiveKitGateway,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async state(event: EventEntity, sessionId: string): Promise<StageState> {
    const row = await this.repository.stage(this.dataSource.manager, event.id, sessionId);
    if (!row) throw ProgrammeException.sessionNotFound();
    return this.toState(sessionId, row);
  }

  /** Opens the green room: speakers may join the backstage room from now on. */
  async openBackstage(event: EventEntity, sessionId: string, actor: Principal): Promise<StageState> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, event, sessionId);
      if (row.state === 'ended') throw invalidTransition('This session has ended.', { state: row.state });
      const state = this.toState(sessionId, { ...row, backstageOpen: true });
      if (await this.repository.openBackstage(manager, sessionId)) {
        await this.record(manager, event, actor, 'media.backstage.open', sessionId);
        await publishStageChanged(manager, event.id, state);
      }
      return state;
    });
  }

  /** scheduled → live: attendees may join the main room. */
  async goLive(event: EventEntity, sessionId: string, actor: Principal): Promise<StageState> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, event, sessionId);
      if (row.state === 'ended')
        throw invalidTransition('An ended session cannot go live again.', { state: row.state });
      const state = this.toState(sessionId, { ...row, state: 'live' });
      if (row.state === 'scheduled') {
        await this.programme.setSessionState(sessionId, 'live', manager);
        await this.record(manager, event, actor, 'media.live', sessionId);
        await publishStageChanged(manager, event.id, state);
      }
      return state;
    });
  }

  /**
   * → ended: no new tokens, the hand queue is cleared, and both rooms are closed in LiveKit (everyone is
   * disconnected, a recording stops). When LiveKit cannot be reached the state is still ended and the error says
   * so; ending again retries closing the rooms.
   */
  async end(event: EventEntity, sessionId: string, actor: Principal): Promise<StageState> {
    const row = await this.dataSource.transaction(async (manager) => {
      const current = await this.lock(manager, event, sessionId);
      if (current.state !== 'ended') {
        await this.programme.setSessionState(sessionId, 'ended', manager);
        await this.repository.deleteHandsOfSession(manager, sessionId);
        await this.record(manager, event, actor, 'media.end', sessionId, { from: current.state });
        // Closing the rooms stops a recording: clients show the ended stage without its indicator.
        await publishStageChanged(
          manager,
          event.id,
          this.toState(sessionId, { ...current, state: 'ended', recordingEgressId: null }),
        );
      }
      return { ...current, state: 'ended' as const };
    });
    try {
      await this.livekit.deleteRoom(roomName(sessionId, 'main'));
      await this.livekit.deleteRoom(roomName(sessionId, 'backstage'));
    } catch (error) {
      throw liveKitFailure(error, { state: 'ended' });
    }
    if (row.recordingEgressId) {
      await this.repository.setRecording(this.dataSource.manager, sessionId, null);
    }
    return this.toState(sessionId, { ...row, recordingEgressId: null });
  }

  /** Starts a room-composite recording of the main room (LIVEKIT_EGRESS only; confidential sessions refuse). */
  async startRecording(event: EventEntity, sessionId: string, actor: Principal): Promise<StageState> {
    if (!this.config.LIVEKIT_EGRESS) {
      throw new MediaException(
        'media/recording-unavailable',
        'Recording is not available: this server has no LiveKit egress.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, event, sessionId);
      if (row.confidential) {
        throw new MediaException(
          'media/recording-refused',
          'This session is confidential: it is not recorded.',
        );
      }
      if (row.state !== 'live')
        throw invalidTransition('Only a live session can be recorded.', { state: row.state });
      if (row.recordingEgressId) throw invalidTransition('This session is already being recorded.');
      let egressId: string;
      try {
        egressId = await this.livekit.startRoomCompositeRecording(
          roomName(sessionId, 'main'),
          RECORDING_FILEPATH,
        );
      } catch (error) {
        throw liveKitFailure(error);
      }
      await this.repository.setRecording(manager, sessionId, egressId);
      await this.record(manager, event, actor, 'media.recording.start', sessionId, { egressId });
      const state = this.toState(sessionId, { ...row, recordingEgressId: egressId });
      await publishStageChanged(manager, event.id, state);
      return state;
    });
  }

  async stopRecording(event: EventEntity, sessionId: string, actor: Principal): Promise<StageState> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, event, sessionId);
      if (!row.recordingEgressId) throw invalidTransition('This session is not being recorded.');
      try {
        await this.livekit.stopEgress(row.recordingEgressId);
      } catch (error) {
        throw liveKitFailure(error);
      }
      await this.repository.setRecording(manager, sessionId, null);
      await this.record(manager, event, actor, 'media.recording.stop', sessionId, {
        egressId: row.recordingEgressId,
      });
      const state = this.toState(sessionId, { ...row, recordingEgressId: null });
      await publishStageChanged(manager, event.id, state);
      return state;
    });
  }

  private async lock(manager: EntityManager, event: EventEntity, sessionId: string): Promise<StageRow> {
    const row = await this.repository.stage(manager, event.id, sessionId, true);
    if (!row) throw ProgrammeException.sessionNotFound();
    return row;
  }

  private record(
    manager: EntityManager,
    event: EventEntity,
    actor: Principal,
    action: string,
    sessionId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, {
      eventId: event.id,
      actorId: actor.personId,
      action,
      targetId: sessionId,
      details,
    });
  }

  private toState(sessionId: string, row: StageRow): StageState {
    return stageStateOf(sessionId, row, this.config.LIVEKIT_EGRESS);
  }
}
