import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { MediaException } from '../media.exception';
import { MediaIdentityCodec } from './media-identity';

/** LiveKit identities of people, keyed with AUTH_SECRET (never shared with LiveKit). */
@Injectable()
export class MediaIdentityService extends MediaIdentityCodec {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.AUTH_SECRET);
  }

  /** The person behind an identity a moderator names, or `media/participant-not-found`. */
  requirePersonId(eventId: string, identity: string): string {
    const personId = this.personIdOf(eventId, identity);
    if (!personId) throw participantNotFound();
    return personId;
  }
}

export const participantNotFound = (): MediaException =>
  new MediaException('media/participant-not-found', 'No participant of this event has this identity.');
