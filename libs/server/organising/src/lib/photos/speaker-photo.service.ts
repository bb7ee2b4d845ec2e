import { Inject, Injectable } from '@nestjs/common';
import { speakerPhotoKey, SPEAKER_PHOTO_WIDTHS, type ManagedSpeaker } from '@plenary/contracts';
import { AuditService, type Principal } from '@plenary/server-access';
import {
  LOGGER,
  MEDIA_STORE,
  RateLimitService,
  ServiceUnavailableException,
  type MediaStore,
  type RateLimitRule,
} from '@plenary/server-core';
import { ProgrammeService, ProgrammeWriter, type EventEntity } from '@plenary/server-programme';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { processSpeakerPhoto } from './photo-pipeline';
import { readPhotoUpload } from './read-photo-upload';

/** Photo uploads and removals per person: an editor replacing a few dozen photos, not a script re-encoding forever. */
export const SPEAKER_PHOTO_LIMIT: RateLimitRule = { points: 60, seconds: 600 };

/**
 * Speaker photos: an upload is read (5 MB at most), checked and re-encoded in memory, then — in one transaction
 * holding a lock on the photo's hash — its sizes are put in the media store and the speaker's photo set through
 * `ProgrammeWriter` (version, audit, `programme.changed`). When anything fails the sizes are removed again, unless
 * another speaker (a duplicated event) names the same photo; a replaced or removed photo's sizes go the same way.
 */
@Injectable()
export class SpeakerPhotoService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly writer: ProgrammeWriter,
    private readonly audit: AuditService,
    private readonly limits: RateLimitService,
    @Inject(MEDIA_STORE) private readonly store: MediaStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async upload(
    actor: Principal,
    event: EventEntity,
    speakerId: string,
    request: FastifyRequest,
    expectedVersion: number | undefined,
  ): Promise<ManagedSpeaker> {
    await this.limits.consume('speaker-photo', SPEAKER_PHOTO_LIMIT, actor.personId);
    // An unknown speaker is refused before the body is read.
    await this.programme.managedSpeaker(event, speakerId);
    const photo = await processSpeakerPhoto(await readPhotoUpload(request));
    let result: { speaker: ManagedSpeaker; previous: string | null };
    try {
      result = await this.dataSource.transaction(async (manager) => {
        await this.lockPhoto(manager, photo.id);
        for (const size of photo.sizes) await this.put(speakerPhotoKey(photo.id, size.width), size.bytes);
        return this.record(actor, event, manager, speakerId, photo.id, expectedVersion);
      });
    } catch (error) {
      await this.release(photo.id);
      throw error;
    }
    if (result.previous && result.previous !== photo.id) await this.release(result.previous);
    return result.speaker;
  }

  async remove(
    actor: Principal,
    event: EventEntity,
    speakerId: string,
    expectedVersion: number | undefined,
  ): Promise<ManagedSpeaker> {
    await this.limits.consume('speaker-photo', SPEAKER_PHOTO_LIMIT, actor.personId);
    const result = await this.dataSource.transaction((manager) =>
      this.record(actor, event, manager, speakerId, null, expectedVersion),
    );
    if (result.previous) await this.release(result.previous);
    return result.speaker;
  }

  private async record(
    actor: Principal,
    event: EventEntity,
    manager: EntityManager,
    speakerId: string,
    photo: string | null,
    expectedVersion: number | undefined,
  ): Promise<{ speaker: ManagedSpeaker; previous: string | null }> {
    const change = await this.writer.setSpeakerPhoto(manager, event.id, speakerId, photo, expectedVersion);
    for (const entry of change.audit)
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: actor.personId,
        action: entry.action,
        targetId: entry.targetId,
        details: entry.details,
      });
    return change.value;
  }

  /** Serialises everything that puts or removes one photo's sizes (transaction-scoped advisory lock). */
  private async lockPhoto(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`speaker-photo:${id}`]);
  }

  private async put(key: string, bytes: Buffer): Promise<void> {
    try {
      await this.store.put(key, bytes, 'image/webp');
    } catch (error) {
      this.logger.warn({ err: error, store: this.store.kind }, 'media store put failed');
      throw new ServiceUnavailableException('The photo could not be stored. Try again in a moment.');
    }
  }

  /** Removes a photo's sizes from the store unless a speaker names it. A failure leaves them (logged), harmlessly. */
  private async release(id: string): Promise<void> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.lockPhoto(manager, id);
        if (await this.programme.photoInUse(id, manager)) return;
        for (const width of SPEAKER_PHOTO_WIDTHS) await this.store.delete(speakerPhotoKey(id, width));
      });
    } catch (error) {
      this.logger.warn(
        { err: error, store: this.store.kind },
        'unused speaker photo left in the media store',
      );
    }
  }
}
