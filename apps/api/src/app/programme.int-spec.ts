import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorEnvelopeSchema, eventDetailSchema, eventListSchema, sessionSchema } from '@plenary/contracts';
import { createHttpApp, createLogger, runMigrations } from '@plenary/server-core';
import { createTestDatabase, testConfig, type TestDatabase } from '@plenary/server-core/testing';
import { REFERENCE_EVENT, REFERENCE_SESSIONS, seedReferenceEvent } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

describe('Programme API', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let dataSource: DataSource;

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({ DATABASE_URL: database.url });
    const logger = createLogger(config, 'api');
    app = await createHttpApp(AppModule.register(config, logger), { logger, apiPrefix: true });
    dataSource = app.get(DataSource);
    await runMigrations(dataSource);
    await seedReferenceEvent(dataSource);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('lists the reference event', async () => {
    const response = await get('/api/events');
    expect(response.statusCode).toBe(200);
    const body = eventListSchema.parse(response.json());
    expect(body.events.map((event) => event.slug)).toEqual(['vmc2021']);
    expect(body.events[0]).toMatchObject({
      startDate: '2021-10-19',
      endDate: '2021-10-20',
      format: 'hybrid',
      timeZone: 'Europe/Vienna',
    });
  });

  it('returns the event with its days, sessions and nine speakers', async () => {
    const response = await get('/api/events/vmc2021');
    expect(response.statusCode).toBe(200);
    const event = eventDetailSchema.parse(response.json());
    expect(event.name).toBe('Re-imagining migration partnerships: challenges, opportunities and strategies');
    expect(event.organiser.name).toBe('ICMPD');
    expect(event.days.map((day) => [day.date, day.sessions.length])).toEqual([
      ['2021-10-19', 3],
      ['2021-10-20', 3],
    ]);
    const kinds = event.days.flatMap((day) => day.sessions.map((session) => session.kind));
    expect(kinds).toEqual(['opening', 'opening', 'panel', 'panel', 'panel', 'closing']);
    expect(event.speakers).toHaveLength(9);
    expect(event.speakers.find((speaker) => speaker.name === 'Duncan Robinson')).toMatchObject({
      title: 'Brussels bureau chief and Charlemagne columnist',
      organisation: 'The Economist',
    });
    expect(event.speakers.find((speaker) => speaker.name === 'Najla El Mangoush')?.honorific).toBe('HE');
    const opening = event.days[0]?.sessions[0];
    expect(opening?.startsAt).toBe('2021-10-19T07:30:00.000Z');
    expect(opening?.speakers.map((link) => link.role)).toEqual(['keynote', 'panelist', 'moderator']);
  });

  it('returns one session of the event', async () => {
    const target = REFERENCE_SESSIONS[3];
    const response = await get(`/api/events/vmc2021/sessions/${target?.id}`);
    expect(response.statusCode).toBe(200);
    const session = sessionSchema.parse(response.json());
    expect(session.title).toBe('Panel: Crisis management at the external border');
    expect(session.day).toBe('2021-10-20');
    expect(session.speakers).toHaveLength(4);
  });

  it('answers an unknown slug with 404 and the programme error code', async () => {
    const response = await get('/api/events/no-such-event');
    expect(response.statusCode).toBe(404);
    const body = errorEnvelopeSchema.parse(response.json());
    expect(body.error.code).toBe('programme/event-not-found');
    expect(body.error.requestId).toBe(response.headers['x-request-id']);
  });

  it('answers an unknown session id with 404', async () => {
    const response = await get(`/api/events/vmc2021/sessions/${REFERENCE_EVENT.id}`);
    expect(response.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe('programme/session-not-found');
  });

  it.each([
    ['a malformed session id', '/api/events/vmc2021/sessions/not-a-uuid', 'sessionId'],
    ['a malformed slug', '/api/events/Bad_Slug!', 'slug'],
    ['an oversized slug', `/api/events/${'a'.repeat(80)}`, 'slug'],
  ])('answers %s with 400 naming the field', async (_label, url, field) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    const body = errorEnvelopeSchema.parse(response.json());
    expect(body.error.code).toBe('core/validation-failed');
    expect(body.error.details).toEqual([expect.objectContaining({ path: field })]);
  });

  it('answers unknown routes and malformed bodies with the error envelope', async () => {
    const notFound = await get('/api/nowhere');
    expect(notFound.statusCode).toBe(404);
    expect(errorEnvelopeSchema.parse(notFound.json()).error.code).toBe('core/not-found');
    const malformed = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'content-type': 'application/json' },
        payload: '{"broken',
      });
    expect(malformed.statusCode).toBe(400);
    expect(errorEnvelopeSchema.parse(malformed.json()).error.code).toBe('core/bad-request');
    const huge = await app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: 'POST',
        url: '/api/events',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ text: 'x'.repeat(200 * 1024) }),
      });
    expect(huge.statusCode).toBe(413);
    expect(errorEnvelopeSchema.parse(huge.json()).error.code).toBe('core/payload-too-large');
  });

  it('seeds idempotently', async () => {
    await seedReferenceEvent(dataSource);
    await seedReferenceEvent(dataSource);
    const [counts] = await dataSource.query<
      Array<{ events: number; sessions: number; speakers: number; links: number }>
    >(
      `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM sessions) AS sessions,
              (SELECT count(*)::int FROM speakers) AS speakers, (SELECT count(*)::int FROM session_speakers) AS links`,
    );
    expect(counts).toEqual({ events: 1, sessions: 6, speakers: 9, links: 20 });
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await get('/readyz')).json()).toEqual({ status: 'ready', checks: { postgres: 'up' } });
    const metrics = await get('/metrics');
    expect(metrics.body).toContain('plenary_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('plenary_nodejs_eventloop_lag_seconds');
    const openapi = (await get('/api/docs/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/events',
        '/api/events/{slug}',
        '/api/events/{slug}/sessions/{sessionId}',
      ]),
    );
  });
});
