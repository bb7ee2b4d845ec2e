import { Inject, Injectable } from '@nestjs/common';
import type { TicketKey } from '@plenary/contracts';
import { APP_CONFIG, type AppConfig } from '@plenary/server-core';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { TicketEntity } from '../entities';
import { deriveEventKeyPair, signTicket, type EventKeyPair } from './ticket-signer';

/** Issues, reissues and revokes tickets; signs their QR payloads with the event's derived key. */
@Injectable()
export class TicketService {
  private readonly keys = new Map<string, EventKeyPair>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  keyPair(eventId: string): EventKeyPair {
    let keys = this.keys.get(eventId);
    if (!keys) {
      keys = deriveEventKeyPair(this.config.TICKET_SIGNING_SECRET, eventId);
      this.keys.set(eventId, keys);
    }
    return keys;
  }

  publicKey(eventId: string, eventSlug: string): TicketKey {
    return { eventSlug, algorithm: 'Ed25519', publicKey: this.keyPair(eventId).publicKeyRaw };
  }

  payload(ticket: Pick<TicketEntity, 'eventId' | 'id'>): string {
    return signTicket(this.keyPair(ticket.eventId), ticket.eventId, ticket.id);
  }

  active(manager: EntityManager, registrationId: string): Promise<TicketEntity | null> {
    return manager.getRepository(TicketEntity).findOneBy({ registrationId, revokedAt: IsNull() });
  }

  /** Returns the active ticket, issuing one when there is none. */
  async ensure(manager: EntityManager, eventId: string, registrationId: string): Promise<TicketEntity> {
    const existing = await this.active(manager, registrationId);
    if (existing) return existing;
    const ticket = manager.create(TicketEntity, {
      id: randomUUID(),
      eventId,
      registrationId,
      issuedAt: new Date(),
      revokedAt: null,
    });
    await manager.insert(TicketEntity, ticket);
    return ticket;
  }

  /** Revokes the active ticket (cancel, reject, reissue). */
  async revoke(manager: EntityManager, registrationId: string): Promise<void> {
    await manager.update(TicketEntity, { registrationId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
