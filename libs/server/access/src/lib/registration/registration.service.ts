import { Inject, Injectable } from '@nestjs/common';
import type {
  AcceptedResponse,
  Attendance,
  BulkDecisionResult,
  Decision,
  EventSettings,
  RegistrationList,
  RegistrationRow,
  RegistrationStatus,
  registrationListQuerySchema,
  registrationRequestSchema,
} from '@plenary/contracts';
import {
  APP_CONFIG,
  MailService,
  publishDomainEvent,
  RateLimitService,
  type AppConfig,
} from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AccessException } from '../access.exception';
import { AuditService } from '../audit/audit.service';
import { EventSettingsEntity, PersonEntity, RegistrationEntity } from '../entities';
import { RoleService } from '../identity/role.service';
import { TicketService } from '../tickets/ticket.service';
import { approvedMail, receivedMail, statusMail } from './registration-mails';

export const REGISTRATION_LIMITS = {
  perIp: { points: 20, seconds: 60 * 60 },
  perEmail: { points: 5, seconds: 60 * 60 },
} as const;

export const REGISTRATION_ACCEPTED: AcceptedResponse = {
  status: 'accepted',
  message: 'Thank you. Your registration has been received; check your inbox for a confirmation.',
};

type RegistrationInput = z.output<typeof registrationRequestSchema>;
type ListQuery = z.output<typeof registrationListQuerySchema>;

const DEFAULT_SETTINGS = { approvalMode: 'manual', inPersonCapacity: null, retentionDays: null } as const;

interface Actor {
  personId: string | null;
}

/**
 * Registrations: the public form, organiser decisions, attendance switches, the in-person capacity with its waiting
 * list, and the mails each step sends. Every change runs in one transaction holding the event's settings row, so
 * seats are never over-allocated and nothing is half-written.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketService,
    private readonly roles: RoleService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async settings(eventId: string): Promise<EventSettings> {
    const row = await this.dataSource.getRepository(EventSettingsEntity).findOneBy({ eventId });
    return this.toSettings(row ?? DEFAULT_SETTINGS);
  }

  private toSettings(
    row: Pick<EventSettingsEntity, 'approvalMode' | 'inPersonCapacity' | 'retentionDays'>,
  ): EventSettings {
    return {
      approvalMode: row.approvalMode,
      inPersonCapacity: row.inPersonCapacity,
      retentionDays: row.retentionDays ?? this.config.RETENTION_DAYS_AFTER_EVENT,
    };
  }

  async updateSettings(event: EventEntity, settings: EventSettings, actor: Actor): Promise<EventSettings> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.lockSettings(manager, event.id);
      await manager.update(
        EventSettingsEntity,
        { eventId: event.id },
        {
          approvalMode: settings.approvalMode,
          inPersonCapacity: settings.inPersonCapacity,
          ...(settings.retentionDays ? { retentionDays: settings.retentionDays } : {}),
        },
      );
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: actor.personId,
        action: 'settings.update',
        details: { before: { ...before }, after: { ...settings } },
      });
      await this.promoteWaitlist(manager, event, actor);
      return this.toSettings(
        await manager.getRepository(EventSettingsEntity).findOneByOrFail({ eventId: event.id }),
      );
    });
  }

  /** The public form. Registering again with the same address updates the registration, never duplicates it. */
  async register(event: EventEntity, input: RegistrationInput, ip: string): Promise<AcceptedResponse> {
    await this.limits.consume('register-ip', REGISTRATION_LIMITS.perIp, ip);
    await this.limits.consume('register-email', REGISTRATION_LIMITS.perEmail, input.email);
    await this.dataSource.transaction(async (manager) => {
      const settings = await this.lockSettings(manager, event.id);
      const [person] = await manager.query<Array<{ id: string; name: string; email: string }>>(
        `INSERT INTO people (id, email, name) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
         RETURNING id, name, email`,
        [randomUUID(), input.email, input.name],
      );
      if (!person) throw new Error('person upsert returned nothing');
      const repository = manager.getRepository(RegistrationEntity);
      const existing = await repository.findOne({
        where: { eventId: event.id, personId: person.id },
        lock: { mode: 'pessimistic_write' },
      });
      const details = {
        organisation: input.organisation,
        jobTitle: input.jobTitle,
        country: input.country,
        attendance: input.attendance,
        accessibilityNeeds: input.accessibilityNeeds || null,
        photoRecordingConsent: input.consents.photoRecording,
        privacyAcceptedAt: new Date(),
      };
      // Invited people (a role granted by an organiser) skip the approval queue.
      const invited =
        (
          await manager.query<unknown[]>(
            'SELECT 1 FROM event_roles WHERE event_id = $1 AND person_id = $2 AND granted_by IS NOT NULL LIMIT 1',
            [event.id, person.id],
          )
        ).length > 0;
      const autoApprove = settings.approvalMode === 'auto' || invited;
      await this.roles.grant(manager, event.id, person.id, 'attendee', null);
      if (!existing) {
        const registration = manager.create(RegistrationEntity, {
          id: randomUUID(),
          eventId: event.id,
          personId: person.id,
          status: 'pending',
          decidedAt: null,
          ...details,
        });
        await repository.insert(registration);
        await this.mail.enqueue(receivedMail(event, person, this.config.PUBLIC_URL), manager);
        if (autoApprove)
          await this.apply(manager, event, registration, person, 'approve', { personId: null });
        return;
      }
      const reopened = existing.status === 'cancelled' || existing.status === 'rejected';
      const attendanceChanged = existing.attendance !== details.attendance;
      Object.assign(existing, details, reopened ? { status: 'pending' as const } : {});
      await repository.save(existing);
      if (reopened) {
        await this.mail.enqueue(receivedMail(event, person, this.config.PUBLIC_URL), manager);
        if (autoApprove) await this.apply(manager, event, existing, person, 'approve', { personId: null });
      } else if (attendanceChanged) {
        await this.reseat(manager, event, existing, person, { personId: null });
      }
    });
    return REGISTRATION_ACCEPTED;
  }

  async decide(
    event: EventEntity,
    ids: string[],
    decision: Decision,
    actor: Actor,
  ): Promise<BulkDecisionResult> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockSettings(manager, event.id);
      const results: BulkDecisionResult['results'] = [];
      for (const id of [...new Set(ids)]) {
        const registration = await manager
          .getRepository(RegistrationEntity)
          .findOne({ where: { id, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
        if (!registration)
          throw new AccessException('registration/not-found', `No registration ${id} for this event.`);
        const person = await manager
          .getRepository(PersonEntity)
          .findOneByOrFail({ id: registration.personId });
        await this.apply(manager, event, registration, person, decision, actor);
        results.push({ id, status: registration.status });
      }
      await this.promoteWaitlist(manager, event, actor);
      return { results };
    });
  }

  async changeAttendance(
    event: EventEntity,
    id: string,
    attendance: Attendance,
    actor: Actor,
  ): Promise<RegistrationRow> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockSettings(manager, event.id);
      const registration = await manager
        .getRepository(RegistrationEntity)
        .findOne({ where: { id, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
      if (!registration)
        throw new AccessException('registration/not-found', 'No such registration for this event.');
      if (registration.attendance === attendance) return;
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ id: registration.personId });
      const from = registration.attendance;
      registration.attendance = attendance;
      await manager.save(registration);
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: actor.personId,
        action: 'registration.attendance',
        targetId: id,
        details: { from, to: attendance },
      });
      await this.reseat(manager, event, registration, person, actor);
      await this.promoteWaitlist(manager, event, actor);
    });
    const row = (await this.list(event, { ids: [id], limit: 1, offset: 0 })).items[0];
    if (!row) throw new AccessException('registration/not-found', 'No such registration for this event.');
    return row;
  }

  async reissueTicket(event: EventEntity, id: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const registration = await manager
        .getRepository(RegistrationEntity)
        .findOne({ where: { id, eventId: event.id }, lock: { mode: 'pessimistic_write' } });
      if (!registration)
        throw new AccessException('registration/not-found', 'No such registration for this event.');
      if (registration.status !== 'approved') {
        throw new AccessException(
          'registration/invalid-transition',
          'Only approved registrations have a ticket.',
        );
      }
      await this.tickets.revoke(manager, id);
      const ticket = await this.tickets.ensure(manager, event.id, id);
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ id: registration.personId });
      await this.mail.enqueue(
        approvedMail(event, person, this.config.PUBLIC_URL, this.tickets.payload(ticket), true),
        manager,
      );
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: actor.personId,
        action: 'ticket.reissue',
        targetId: id,
        details: { ticketId: ticket.id },
      });
    });
  }

  async list(event: EventEntity, query: ListQuery & { ids?: string[] }): Promise<RegistrationList> {
    const where: string[] = ['r.event_id = $1'];
    const params: unknown[] = [event.id];
    const add = (clause: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (query.ids) add((p) => `r.id = ANY(${p}::uuid[])`, query.ids);
    if (query.status) add((p) => `r.status = ${p}`, query.status);
    if (query.attendance) add((p) => `r.attendance = ${p}`, query.attendance);
    if (query.organisation) add((p) => `r.organisation ILIKE ${p}`, `%${escapeLike(query.organisation)}%`);
    if (query.q)
      add(
        (p) => `(p.name ILIKE ${p} OR p.email ILIKE ${p} OR r.organisation ILIKE ${p})`,
        `%${escapeLike(query.q)}%`,
      );
    const filter = where.join(' AND ');
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT r.id, r.person_id, p.name, p.email, r.organisation, r.job_title, r.country, r.attendance, r.status,
              r.accessibility_needs, r.photo_recording_consent, r.created_at, r.updated_at,
              COALESCE((SELECT array_agg(er.role::text ORDER BY er.role) FROM event_roles er
                         WHERE er.event_id = r.event_id AND er.person_id = r.person_id), '{}') AS roles,
              count(*) OVER () AS total
         FROM registrations r JOIN people p ON p.id = r.person_id
        WHERE ${filter}
        ORDER BY r.created_at DESC, r.id
        LIMIT ${Number(query.limit)} OFFSET ${Number(query.offset)}`,
      params,
    );
    const counts = await this.dataSource.query<Array<{ status: RegistrationStatus; n: number }>>(
      'SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status',
      [event.id],
    );
    return {
      items: rows.map(toRow),
      total: Number(rows[0]?.['total'] ?? 0),
      counts: Object.fromEntries(
        (['pending', 'approved', 'waitlisted', 'rejected', 'cancelled'] as const).map((status) => [
          status,
          counts.find((c) => c.status === status)?.n ?? 0,
        ]),
      ) as RegistrationList['counts'],
    };
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Ensures the settings row exists and locks it: the serialisation point of every registration change. */
  /**
   * Whether anyone is registered for the event (pending, approved or waitlisted). Takes the settings lock every
   * registration takes, so one committing meanwhile is counted.
   */
  async hasRegistrations(manager: EntityManager, eventId: string): Promise<boolean> {
    await this.lockSettings(manager, eventId);
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM registrations WHERE event_id = $1 AND status IN ('pending', 'approved', 'waitlisted') LIMIT 1`,
      [eventId],
    );
    return rows.length > 0;
  }

  /** Gives a new edition the registration settings of the event it was copied from (approval, capacity, retention). */
  async copySettings(manager: EntityManager, fromEventId: string, toEventId: string): Promise<void> {
    await manager.query(
      `INSERT INTO event_settings (event_id, approval_mode, in_person_capacity, retention_days)
       SELECT $2, approval_mode, in_person_capacity, retention_days FROM event_settings WHERE event_id = $1
       ON CONFLICT (event_id) DO NOTHING`,
      [fromEventId, toEventId],
    );
  }

  private async lockSettings(manager: EntityManager, eventId: string): Promise<EventSettings> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EventSettingsEntity)
      .values({ eventId, ...DEFAULT_SETTINGS })
      .orIgnore()
      .execute();
    const row = await manager
      .getRepository(EventSettingsEntity)
      .findOneOrFail({ where: { eventId }, lock: { mode: 'pessimistic_write' } });
    return this.toSettings(row);
  }

  private async hasInPersonSeat(manager: EntityManager, eventId: string): Promise<boolean> {
    const settings = await manager.getRepository(EventSettingsEntity).findOneByOrFail({ eventId });
    if (settings.inPersonCapacity === null) return true;
    const [row] = await manager.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'approved' AND attendance = 'in_person'`,
      [eventId],
    );
    return (row?.n ?? 0) < settings.inPersonCapacity;
  }

  /** Applies one decision to a locked registration: status, ticket, role, mail and audit. */
  private async apply(
    manager: EntityManager,
    event: EventEntity,
    registration: RegistrationEntity,
    person: PersonEntity | { id: string; name: string; email: string },
    decision: Decision,
    actor: Actor,
  ): Promise<void> {
    const from = registration.status;
    let to: RegistrationStatus;
    switch (decision) {
      case 'approve':
        if (from === 'approved') return;
        to =
          registration.attendance === 'remote' || (await this.hasInPersonSeat(manager, event.id))
            ? 'approved'
            : 'waitlisted';
        if (to === from) return;
        break;
      case 'reject':
        if (from === 'rejected') return;
        if (from === 'cancelled') {
          throw new AccessException(
            'registration/invalid-transition',
            'A cancelled registration cannot be rejected.',
          );
        }
        to = 'rejected';
        break;
      case 'cancel':
        if (from === 'cancelled') return;
        to = 'cancelled';
        break;
    }
    registration.status = to;
    registration.decidedAt = new Date();
    await manager.save(registration);
    if (to === 'approved') {
      const ticket = await this.tickets.ensure(manager, event.id, registration.id);
      await this.mail.enqueue(
        approvedMail(event, person, this.config.PUBLIC_URL, this.tickets.payload(ticket)),
        manager,
      );
    } else {
      await this.tickets.revoke(manager, registration.id);
      await this.mail.enqueue(
        statusMail(
          event,
          person,
          to === 'waitlisted' ? 'waitlisted' : to === 'rejected' ? 'rejected' : 'cancelled',
        ),
        manager,
      );
    }
    await publishDomainEvent(manager, {
      type: 'access.registration-changed',
      eventId: event.id,
      personId: registration.personId,
      status: to,
    });
    await this.audit.record(manager, {
      eventId: event.id,
      actorId: actor.personId,
      action: `registration.${decision}`,
      targetId: registration.id,
      details: { from, to },
    });
  }

  /** After an attendance change: an approved in-person registration without a seat goes to the waiting list. */
  private async reseat(
    manager: EntityManager,
    event: EventEntity,
    registration: RegistrationEntity,
    person: PersonEntity | { id: string; name: string; email: string },
    actor: Actor,
  ): Promise<void> {
    if (registration.status === 'approved' && registration.attendance === 'in_person') {
      const [row] = await manager.query<Array<{ over: boolean }>>(
        `SELECT (s.in_person_capacity IS NOT NULL AND
                 (SELECT count(*) FROM registrations WHERE event_id = $1 AND status = 'approved' AND attendance = 'in_person') > s.in_person_capacity) AS over
           FROM event_settings s WHERE s.event_id = $1`,
        [event.id],
      );
      if (row?.over) {
        registration.status = 'pending';
        await this.apply(manager, event, registration, person, 'approve', actor);
      }
    } else if (registration.status === 'waitlisted' && registration.attendance === 'remote') {
      await this.apply(manager, event, registration, person, 'approve', actor);
    }
  }

  /** Moves waiting-list registrations, oldest first, into free in-person seats. */
  private async promoteWaitlist(manager: EntityManager, event: EventEntity, actor: Actor): Promise<void> {
    while (await this.hasInPersonSeat(manager, event.id)) {
      const next = await manager.getRepository(RegistrationEntity).findOne({
        where: { eventId: event.id, status: 'waitlisted' },
        order: { createdAt: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!next) return;
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ id: next.personId });
      await this.apply(manager, event, next, person, 'approve', actor);
    }
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function toRow(row: Record<string, unknown>): RegistrationRow {
  return {
    id: String(row['id']),
    personId: String(row['person_id']),
    name: String(row['name']),
    email: String(row['email']),
    organisation: String(row['organisation']),
    jobTitle: String(row['job_title']),
    country: String(row['country']),
    attendance: row['attendance'] as RegistrationRow['attendance'],
    status: row['status'] as RegistrationRow['status'],
    roles: (row['roles'] as RegistrationRow['roles'] | null) ?? [],
    accessibilityNeeds: (row['accessibility_needs'] as string | null) ?? null,
    photoRecordingConsent: Boolean(row['photo_recording_consent']),
    createdAt: iso(row['created_at']),
    updatedAt: iso(row['updated_at']),
  };
}
