import { runInThisContext } from 'node:vm';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { CheckinDb } from '../lib/checkin-db';

// jsdom has no structuredClone, which IndexedDB (and so fake-indexeddb) needs: take Node's.
const target = globalThis as unknown as Record<string, unknown>;
target['structuredClone'] ??= runInThisContext('structuredClone') as typeof structuredClone;

let counter = 0;

/** A fresh in-memory check-in database (fake-indexeddb), or the same one again when given its slug. */
export function openFakeDb(slug = `test-${++counter}`): CheckinDb {
  return new CheckinDb(slug, { indexedDB, IDBKeyRange });
}
