import type {
  CheckinScan,
  CheckinSnapshot,
  CheckinVerdict,
  SnapshotRegistration,
  TicketKey,
} from '@plenary/contracts';
import { Dexie } from 'dexie';
import type { DexieOptions, EntityTable } from 'dexie';

/** A registration of the snapshot, with the lower-case words of its name and organisation for offline search. */
export interface StoredRegistration extends SnapshotRegistration {
  words: string[];
}

export interface StoredRevokedTicket {
  ticketId: string;
  registrationId: string;
  revokedAt: string;
}

/**
 * A scan waiting for upload. Written before the verdict is shown, so a killed tab loses nothing; removed once the
 * server answered it. `registrationId` and `day` are what the device knew, so later offline scans of the same
 * person that day show yellow.
 */
export interface QueuedScan {
  nonce: string;
  scan: CheckinScan & { localVerdict: CheckinVerdict };
  queuedAt: string;
  registrationId: string | null;
  day: string;
  name: string | null;
}

/** This phone's registration at the event and the gate it stands at. */
export interface StoredDevice {
  deviceId: string;
  name: string;
  gate: string | null;
  registeredAt: string;
}

/** What the snapshot says about the event itself, and where incremental refreshes continue from. */
export interface StoredSnapshotMeta {
  eventId: string;
  eventSlug: string;
  timeZone: string;
  cursor: string;
  ticketKey: TicketKey;
  generatedAt: string;
  /** When this device last received a snapshot answer (its own clock). */
  syncedAt: string;
}

type MetaRow = { key: 'device'; value: StoredDevice } | { key: 'snapshot'; value: StoredSnapshotMeta };

/** One IndexedDB database per event (`plenary-checkin-<slug>`), opened with Dexie. */
export class CheckinDb extends Dexie {
  registrations!: EntityTable<StoredRegistration, 'registrationId'>;
  revokedTickets!: EntityTable<StoredRevokedTicket, 'ticketId'>;
  queue!: EntityTable<QueuedScan, 'nonce'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(slug: string, options?: DexieOptions) {
    super(`plenary-checkin-${slug}`, options);
    this.version(1).stores({
      // No index on the search words: a multi-entry index (~5 words a person) doubled the time to store a full
      // snapshot of 10,000 (docs/benchmarks.md); a manual search scans the rows instead.
      registrations: '&registrationId, *ticketIds',
      revokedTickets: '&ticketId, registrationId',
      queue: '&nonce, queuedAt, [registrationId+day]',
      meta: '&key',
    });
  }

  async getDevice(): Promise<StoredDevice | null> {
    const row = await this.meta.get('device');
    return row?.key === 'device' ? row.value : null;
  }

  async setDevice(device: StoredDevice | null): Promise<void> {
    if (device) await this.meta.put({ key: 'device', value: device });
    else await this.meta.delete('device');
  }

  async getSnapshotMeta(): Promise<StoredSnapshotMeta | null> {
    const row = await this.meta.get('snapshot');
    return row?.key === 'snapshot' ? row.value : null;
  }
}

/** Lower-case words of a name and organisation ("Ada Lovelace", "Analytical Engines" → ada, lovelace, …). */
export function searchWords(...texts: string[]): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of text.toLocaleLowerCase().split(/[\s,.;:()/&-]+/u)) if (word) words.add(word);
  }
  return [...words];
}

function toStored(registration: SnapshotRegistration): StoredRegistration {
  return { ...registration, words: searchWords(registration.name, registration.organisation) };
}

/**
 * Stores a snapshot answer in one transaction: a full one replaces everything held, an incremental one upserts the
 * changed registrations, deletes the removed ones and adds the newly revoked tickets. Keeps the new cursor.
 */
export async function applySnapshot(
  db: CheckinDb,
  snapshot: CheckinSnapshot,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction('rw', [db.registrations, db.revokedTickets, db.meta], async () => {
    if (snapshot.full) {
      await db.registrations.clear();
      await db.revokedTickets.clear();
    }
    if (snapshot.registrations.length > 0) {
      const rows = snapshot.registrations.map(toStored);
      // After a clear nothing can collide: adding skips the overwrite checks of a put.
      await (snapshot.full ? db.registrations.bulkAdd(rows) : db.registrations.bulkPut(rows));
    }
    if (snapshot.removedRegistrationIds.length > 0)
      await db.registrations.bulkDelete(snapshot.removedRegistrationIds);
    if (snapshot.revokedTickets.length > 0) await db.revokedTickets.bulkPut(snapshot.revokedTickets);
    const meta: StoredSnapshotMeta = {
      eventId: snapshot.eventId,
      eventSlug: snapshot.eventSlug,
      timeZone: snapshot.timeZone,
      cursor: snapshot.cursor,
      ticketKey: snapshot.ticketKey,
      generatedAt: snapshot.generatedAt,
      syncedAt: now.toISOString(),
    };
    await db.meta.put({ key: 'snapshot', value: meta });
  });
}

/** Records an admission the server confirmed online, so the device knows it even before the next refresh. */
export async function rememberAdmission(
  db: CheckinDb,
  registrationId: string,
  admission: { day: string; at: string; gate: string },
): Promise<void> {
  await db.registrations
    .where('registrationId')
    .equals(registrationId)
    .modify((registration) => {
      if (!registration.admissions.some((existing) => existing.day === admission.day)) {
        registration.admissions.push(admission);
      }
    });
}

/** Forgets an undone admission of that day. */
export async function forgetAdmission(db: CheckinDb, registrationId: string, day: string): Promise<void> {
  await db.registrations
    .where('registrationId')
    .equals(registrationId)
    .modify((registration) => {
      registration.admissions = registration.admissions.filter((admission) => admission.day !== day);
    });
}

/** Offline search: every word of `query` must start a word of the name or organisation. At most `limit`. */
export async function searchLocal(db: CheckinDb, query: string, limit = 20): Promise<StoredRegistration[]> {
  const terms = searchWords(query);
  if (terms.length === 0) return [];
  const matches = await db.registrations
    .filter((registration) => terms.every((term) => registration.words.some((word) => word.startsWith(term))))
    .limit(limit)
    .toArray();
  return matches.sort((a, b) => a.name.localeCompare(b.name));
}
