import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConsentKind, ConsentSource, PersonalDataExport, Role } from '@plenary/contracts';
import { APP_CONFIG, JobsService, LOGGER, publishDomainEvent, type AppConfig } from '@plenary/server-core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { unauthenticated } from '../access.exception';
import { PersonEntity } from '../entities';
import { PersonalDataRegistry } from './personal-data.registry';

/** The retention purge's queue: a job every hour (at :17), run by one api process. */
export const RETENTION_PURGE_QUEUE = 'access.retention-purge';

const iso = (value: unknown): string =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

/**
 * GDPR: a person downloads everything held about them and can erase it; personal data of past events is purged
 * after the event's retention period. Rows other contexts keep for aggregates refer to people by opaque id only, so
 * deleting the person pseudonymises them.
 */
@Injectable()
export class PersonalDataService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly registry: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: RETENTION_PURGE_QUEUE,
      policy: 'stately',
      cron: '17 * * * *',
      handle: async () => {
        const purged = await this.purgeExpired();
        if (purged.registrations > 0 || purged.people > 0) this.logger.info(purged, 'retention purge');
      },
    });
  }

  async export(personId: string): Promise<PersonalDataExport> {
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: personId });
    if (!person) throw unauthenticated();
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query<T[]>(sql, [personId]);
    const [registrations, consents, roles, tickets, sessions, mails, activity] = await Promise.all([
      q<Record<string, unknown>>(
        `SELECT e.slug AS "eventSlug", r.organisation, r.job_title AS "jobTitle", r.country, r.attendance, r.status,
                r.accessibility_needs AS "accessibilityNeeds", r.photo_recording_consent AS "photoRecordingConsent",
                r.privacy_accepted_at AS "privacyAcceptedAt", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
           FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.person_id = $1`,
      ),
      q<{ eventSlug: string; kind: ConsentKind; granted: boolean; source: ConsentSource; at: Date }>(
        `SELECT e.slug AS "eventSlug", c.kind, c.granted, c.source, c.created_at AS at
           FROM consent_records c JOIN events e ON e.id = c.event_id WHERE c.person_id = $1 ORDER BY c.created_at, c.kind`,
      ),
      q<{ eventSlug: string; role: Role }>(
        `SELECT e.slug AS "eventSlug", er.role FROM event_roles er JOIN events e ON e.id = er.event_id WHERE er.person_id = $1`,
      ),
      q<Record<string, unknown>>(
        `SELECT t.id, e.slug AS "eventSlug", t.issued_at AS "issuedAt", t.revoked_at AS "revokedAt"
           FROM tickets t JOIN registrations r ON r.id = t.registration_id JOIN events e ON e.id = t.event_id WHERE r.person_id = $1`,
      ),
      q<{ created_at: Date; last_seen_at: Date; revoked_at: Date | null }>(
        'SELECT created_at, last_seen_at, revoked_at FROM auth_sessions WHERE person_id = $1 ORDER BY created_at',
      ),
      this.dataSource.query<Array<{ subject: string; created_at: Date }>>(
        'SELECT subject, created_at FROM mail_outbox WHERE to_address = $1 ORDER BY created_at',
        [person.email],
      ),
      this.registry.collect(personId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      person: {
        id: person.id,
        name: person.name,
        email: person.email,
        createdAt: person.createdAt.toISOString(),
      },
      registrations,
      consents: consents.map((c) => ({
        eventSlug: c.eventSlug,
        kind: c.kind,
        granted: c.granted,
        source: c.source,
        at: iso(c.at),
      })),
      roles,
      tickets,
      sessions: sessions.map((s) => ({
        createdAt: iso(s.created_at),
        lastSeenAt: iso(s.last_seen_at),
        revokedAt: s.revoked_at ? iso(s.revoked_at) : null,
      })),
      mails: mails.map((m) => ({ subject: m.subject, createdAt: iso(m.created_at) })),
      activity,
    };
  }

  /** Deletes the person and everything personal (cascades); mails to them go too. Audit rows keep only opaque ids. */
  async erase(personId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const person = await manager
        .getRepository(PersonEntity)
        .findOne({ where: { id: personId }, lock: { mode: 'pessimistic_write' } });
      if (!person) return;
      await manager.query('DELETE FROM mail_outbox WHERE to_address = $1', [person.email]);
      await manager.query(`DELETE FROM registration_requests WHERE payload->>'email' = $1`, [person.email]);
      await manager.query(`UPDATE audit_log SET details = '{}' WHERE target_id = $1 OR actor_id = $1`, [
        personId,
      ]);
      await manager.delete(PersonEntity, { id: personId });
      // The sessions went with the person (cascade): their sockets go too.
      await publishDomainEvent(manager, { type: 'access.sessions-revoked', personId });
    });
  }

  /**
   * Purges personal data of events whose retention period has passed: registrations (and tickets), attendee roles,
   * then people left with no registration and no role, sent mails, and used or expired sign-in tokens.
   */
  async purgeExpired(now = new Date()): Promise<{ registrations: number; people: number }> {
    return this.dataSource.transaction(async (manager) => {
      const expired = `SELECT e.id FROM events e LEFT JOIN event_settings s ON s.event_id = e.id
                        WHERE e.end_date + COALESCE(s.retention_days, $2) < $1::date`;
      const registrations = await manager.query<[Array<{ person_id: string }>, number]>(
        `DELETE FROM registrations WHERE event_id IN (${expired}) RETURNING person_id`,
        [now, this.config.RETENTION_DAYS_AFTER_EVENT],
      );
      await manager.query(`DELETE FROM consent_records WHERE event_id IN (${expired})`, [
        now,
        this.config.RETENTION_DAYS_AFTER_EVENT,
      ]);
      const roles = await manager.query<[Array<{ person_id: string }>, number]>(
        `DELETE FROM event_roles WHERE role = 'attendee' AND event_id IN (${expired}) RETURNING person_id`,
        [now, this.config.RETENTION_DAYS_AFTER_EVENT],
      );
      // Only people this purge touched, and only when nothing else keeps them: a person written a moment before
      // their registration (another transaction) is never taken for a leftover.
      const touched = [...new Set([...registrations[0], ...roles[0]].map((row) => row.person_id))];
      const people = await manager.query<[unknown[], number]>(
        `DELETE FROM people p WHERE p.id = ANY($1::uuid[])
            AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM event_roles er WHERE er.person_id = p.id)`,
        [touched],
      );
      await manager.query(
        `DELETE FROM mail_outbox WHERE created_at < $1::timestamptz - make_interval(days => $2)`,
        [now, this.config.RETENTION_DAYS_AFTER_EVENT],
      );
      await manager.query(
        `DELETE FROM sign_in_tokens WHERE expires_at < $1::timestamptz - interval '1 day'`,
        [now],
      );
      await manager.query(
        `DELETE FROM auth_sessions WHERE expires_at < $1::timestamptz OR revoked_at < $1::timestamptz - interval '30 days'`,
        [now],
      );
      return { registrations: registrations[1], people: people[1] };
    });
  }
}
