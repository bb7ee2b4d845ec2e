import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { ProgrammeService } from '@plenary/server-programme';
import { DataSource, type EntityManager } from 'typeorm';
import { LiveKitGateway } from '../livekit/livekit.gateway';
import { MediaRepository } from '../media.repository';
import { roomName } from '../token/media-grants';
import { publishStageChanged, stageStateOf } from './stage-events';

/**
 * A cancelled session's stage ends (issue #12; bound into the organising context's cancel by the api), as a
 * moderator's "end" does: in the cancelling transaction the session is `ended` (no new tokens), its hand queue
 * cleared and `stage:changed` announced on commit; after the commit both LiveKit rooms are deleted (everyone is
 * disconnected, a recording stops). A session that never opened its stage has nothing to end.
 */
@Injectable()
export class MediaSessionClosing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly repository: MediaRepository,
    private readonly livekit: LiveKitGateway,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async closeSession(
    manager: EntityManager,
    eventId: string,
    sessionId: string,
  ): Promise<(() => Promise<void>) | undefined> {
    const row = await this.repository.stage(manager, eventId, sessionId, true);
    if (!row || (row.state === 'scheduled' && !row.backstageOpen)) return undefined;
    if (row.state !== 'ended') {
      await this.programme.setSessionState(sessionId, 'ended', manager);
      await this.repository.deleteHandsOfSession(manager, sessionId);
      await publishStageChanged(
        manager,
        eventId,
        stageStateOf(
          sessionId,
          { ...row, state: 'ended', recordingEgressId: null },
          this.config.LIVEKIT_EGRESS,
        ),
      );
    }
    return async () => {
      await this.livekit.deleteRoom(roomName(sessionId, 'main'));
      await this.livekit.deleteRoom(roomName(sessionId, 'backstage'));
      if (row.recordingEgressId) await this.repository.setRecording(this.dataSource.manager, sessionId, null);
    };
  }
}
