import type { CheckinDomainEvent } from '@plenary/contracts';
import type { EntityManager } from 'typeorm';

/** PostgreSQL channel of the platform's domain events; every live node LISTENs on it. */
export const DOMAIN_EVENTS_CHANNEL = 'plenary_events';

/** Queues a domain event in the caller's transaction: PostgreSQL delivers it on commit, never on rollback. */
export async function notifyCheckinEvent(manager: EntityManager, event: CheckinDomainEvent): Promise<void> {
  await manager.query('SELECT pg_notify($1, $2)', [DOMAIN_EVENTS_CHANNEL, JSON.stringify(event)]);
}
