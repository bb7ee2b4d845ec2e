import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, LOGGER, type AppConfig } from '@plenary/server-core';
import {
  EgressClient,
  EncodedFileOutput,
  RoomServiceClient,
  type ParticipantPermission,
} from 'livekit-server-sdk';
import type { Logger } from 'pino';
import {
  DEFAULT_RETRY_POLICY,
  LiveKitNotFound,
  LiveKitUnavailable,
  withRetries,
  type RetryPolicy,
} from './with-retries';

/** Injection token of the retry policy of LiveKit calls (tests shorten the backoff). */
export const LIVEKIT_RETRY_POLICY = Symbol('LIVEKIT_RETRY_POLICY');

/** Seconds before a single LiveKit API request is abandoned (then retried). */
const REQUEST_TIMEOUT_SECONDS = 4;

/** The LiveKit server API address: LIVEKIT_API_URL, else LIVEKIT_URL with ws(s) turned into http(s). */
export function liveKitApiUrl(config: Pick<AppConfig, 'LIVEKIT_URL' | 'LIVEKIT_API_URL'>): string {
  return (config.LIVEKIT_API_URL ?? config.LIVEKIT_URL).replace(/^ws/, 'http');
}

/**
 * The LiveKit server API as the media context uses it (RoomService and Egress over Twirp). Every call is retried
 * (bounded, with backoff) and fails only as `LiveKitNotFound` or `LiveKitUnavailable`, which callers turn into coded
 * errors for the moderator.
 */
@Injectable()
export class LiveKitGateway {
  private readonly rooms: RoomServiceClient;
  private readonly egress: EgressClient;
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(LIVEKIT_RETRY_POLICY) policy?: RetryPolicy,
  ) {
    const url = liveKitApiUrl(config);
    const options = { requestTimeout: REQUEST_TIMEOUT_SECONDS, failover: false };
    this.rooms = new RoomServiceClient(url, config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET, options);
    this.egress = new EgressClient(url, config.LIVEKIT_API_KEY, config.LIVEKIT_API_SECRET, options);
    this.policy = policy ?? DEFAULT_RETRY_POLICY;
  }

  async updateParticipant(
    room: string,
    identity: string,
    update: { metadata: string; permission: Partial<ParticipantPermission> },
  ): Promise<void> {
    await this.call('UpdateParticipant', () => this.rooms.updateParticipant(room, identity, update));
  }

  async mutePublishedTrack(room: string, identity: string, trackSid: string, muted: boolean): Promise<void> {
    await this.call('MutePublishedTrack', () =>
      this.rooms.mutePublishedTrack(room, identity, trackSid, muted),
    );
  }

  async removeParticipant(room: string, identity: string): Promise<void> {
    await this.call('RemoveParticipant', () => this.rooms.removeParticipant(room, identity));
  }

  /** Removes a participant when connected; absent is fine. */
  async removeParticipantIfPresent(room: string, identity: string): Promise<void> {
    await this.ignoringNotFound(() => this.removeParticipant(room, identity));
  }

  /** Closes a room, disconnecting everyone in it; a room that does not exist is already closed. */
  async deleteRoom(room: string): Promise<void> {
    await this.ignoringNotFound(() => this.call('DeleteRoom', () => this.rooms.deleteRoom(room)));
  }

  /** Starts a room-composite recording to the egress service's configured storage; returns the egress id. */
  async startRoomCompositeRecording(room: string, filepath: string): Promise<string> {
    const info = await this.call('StartRoomCompositeEgress', () =>
      this.egress.startRoomCompositeEgress(room, new EncodedFileOutput({ filepath }), { layout: 'speaker' }),
    );
    return info.egressId;
  }

  /** Stops a recording; one that already ended (not found, or 412 "cannot be stopped") is fine. */
  async stopEgress(egressId: string): Promise<void> {
    try {
      await this.ignoringNotFound(() => this.call('StopEgress', () => this.egress.stopEgress(egressId)));
    } catch (error) {
      if (!(error instanceof LiveKitUnavailable && error.status === 412)) throw error;
    }
  }

  private call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    return withRetries(operation, run, this.policy, (attempt, error) =>
      this.logger.warn(
        { operation, attempt, err: error instanceof Error ? error.message : String(error) },
        'LiveKit call failed',
      ),
    );
  }

  private async ignoringNotFound(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof LiveKitNotFound)) throw error;
    }
  }
}
