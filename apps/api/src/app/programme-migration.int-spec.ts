import { dataSourceOptions, MIGRATIONS, runMigrations } from '@plenary/server-core';
import { createTestDatabase, type TestDatabase } from '@plenary/server-core/testing';
import { DataSource } from 'typeorm';

const EVENT = '0b7e4c2a-0000-4000-8000-000000000001';
const OTHER = '0b7e4c2a-0000-4000-8000-000000000002';
const session = (n: number): string => `0b7e4c2a-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

describe('WritableProgramme migration', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  it('turns session room names into rooms per event and keeps existing events published', async () => {
    const rows: Array<[string, string, string | null]> = [
      [session(1), EVENT, 'Plenary hall'],
      [session(2), EVENT, 'Plenary hall'],
      [session(3), EVENT, 'Breakout A'],
      [session(4), EVENT, null],
      [session(5), OTHER, 'Plenary hall'],
    ];
    // The schema as it was just before WritableProgramme: every earlier migration, none of the later ones.
    const before = MIGRATIONS.slice(
      0,
      MIGRATIONS.findIndex((migration) => migration.name.startsWith('WritableProgramme')),
    );
    const old = new DataSource({ ...dataSourceOptions(database.url, [], 2), migrations: before });
    await old.initialize();
    try {
      await runMigrations(old);
      for (const [id, slug] of [
        [EVENT, 'old-event'],
        [OTHER, 'other-event'],
      ] as const) {
        await old.query(
          `INSERT INTO events (id, slug, name, time_zone, start_date, end_date, venue_name, venue_city, venue_country,
                               organiser_name)
           VALUES ($1, $2, 'Old', 'Europe/Vienna', '2021-10-19', '2021-10-20', 'V', 'Vienna', 'Austria', 'O')`,
          [id, slug],
        );
      }
      for (const [id, eventId, room] of rows) {
        await old.query(
          `INSERT INTO sessions (id, event_id, kind, title, starts_at, ends_at, room)
           VALUES ($1, $2, 'panel', 'S', '2021-10-19T08:00Z', '2021-10-19T09:00Z', $3)`,
          [id, eventId, room],
        );
      }
    } finally {
      await old.destroy();
    }

    const current = new DataSource(dataSourceOptions(database.url, [], 2));
    await current.initialize();
    try {
      await runMigrations(current);
      const rooms = await current.query<Array<{ event_id: string; name: string; sort_order: number }>>(
        'SELECT event_id, name, sort_order FROM rooms ORDER BY event_id, sort_order',
      );
      expect(rooms).toEqual([
        { event_id: EVENT, name: 'Breakout A', sort_order: 0 },
        { event_id: EVENT, name: 'Plenary hall', sort_order: 1 },
        { event_id: OTHER, name: 'Plenary hall', sort_order: 0 },
      ]);
      const sessions = await current.query<Array<{ id: string; event_id: string; room: string | null }>>(
        `SELECT s.id, s.event_id, r.name AS room FROM sessions s LEFT JOIN rooms r ON r.id = s.room_id
          WHERE r.id IS NULL OR r.event_id = s.event_id ORDER BY s.id`,
      );
      expect(sessions.map((row) => [row.id, row.room])).toEqual(rows.map(([id, , room]) => [id, room]));
      const events = await current.query<Array<{ status: string; languages: string[]; version: number }>>(
        'SELECT status, languages, version FROM events ORDER BY id',
      );
      expect(events).toEqual([
        { status: 'published', languages: ['en'], version: 1 },
        { status: 'published', languages: ['en'], version: 1 },
      ]);
    } finally {
      await current.destroy();
    }
  });
});
