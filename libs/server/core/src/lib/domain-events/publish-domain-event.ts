import { DOMAIN_EVENT_MAX_BYTES, DOMAIN_EVENTS_CHANNEL, type DomainEvent } from '@plenary/contracts';

/** Anything that runs SQL: a TypeORM `EntityManager` (inside a transaction) or the `DataSource`. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** In-process subscribers of published events (the access caches: ADR 0015). */
const publishedHandlers = new Set<(event: DomainEvent) => void>();

/**
 * Calls `handler` with every domain event this process publishes, as it is sent (before its transaction commits).
 * The access caches use it so that a change takes effect at once in the process that made it; other processes
 * hear of it through `NOTIFY`. Returns the unsubscribe function.
 */
export function onDomainEventPublished(handler: (event: DomainEvent) => void): () => void {
  publishedHandlers.add(handler);
  return () => publishedHandlers.delete(handler);
}

/**
 * Sends a domain event with `pg_notify`. Called with a transaction's manager, PostgreSQL delivers it when that
 * transaction commits and drops it on rollback, so listeners never hear of something that did not happen (ADR 0013).
 */
export async function publishDomainEvent(runner: SqlRunner, event: DomainEvent): Promise<void> {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > DOMAIN_EVENT_MAX_BYTES) {
    throw new Error(`domain event ${event.type} is too large for NOTIFY`);
  }
  await runner.query('SELECT pg_notify($1, $2)', [DOMAIN_EVENTS_CHANNEL, payload]);
  for (const handler of publishedHandlers) handler(event);
}

/** Sends many domain events in one statement (bulk changes such as an import); otherwise as `publishDomainEvent`. */
export async function publishDomainEvents(runner: SqlRunner, events: DomainEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.map((event) => {
    const payload = JSON.stringify(event);
    if (Buffer.byteLength(payload) > DOMAIN_EVENT_MAX_BYTES) {
      throw new Error(`domain event ${event.type} is too large for NOTIFY`);
    }
    return payload;
  });
  await runner.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    DOMAIN_EVENTS_CHANNEL,
    payloads,
  ]);
  for (const event of events) for (const handler of publishedHandlers) handler(event);
}
