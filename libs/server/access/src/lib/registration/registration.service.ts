import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import {
  registrationRequestSchema,
  type AcceptedResponse,
  type Attendance,
  type BulkDecisionResult,
  type ConsentKind,
  type ConsentSource,
  type Decision,
  type EventSettings,
  type MyRegistration,
  type myRegistrationRequestSchema,
  type RegistrationList,
  type RegistrationRow,
  type RegistrationStatus,
  type registrationListQuerySchema,
} from '@plenary/contracts';
import {
  APP_CONFIG,
  APP_NAME,
  FailureLog,
  JobsService,
  LOGGER,
  MailService,
  publishDomainEvent,
  RateLimitedException,
  RateLimitService,
  type AppConfig,
} from '@plenary/server-core';
import { ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AccessException } from '../access.exception';
import { AuditService } from '../audit/audit.service';
import {
  ConsentRecordEntity,
  EventSettingsEntity,
  PersonEntity,
  RegistrationEntity,
  RegistrationRequestEntity,
} from '../entities';
import type { Principal } from '../identity/principal';
import { RoleService } from '../identity/role.service';
import { TicketService } from '../tickets/ticket.service';
import { approvedMail, attemptMail, receivedMail, statusMail } from './registration-mails';

export const REGISTRATION_LIMITS = {
  perIp: { points: 20, seconds: 60 * 60 },
  perEmail: { points: 5, seconds: 60 * 60 },
  /** "Someone tried to register with your address": at most one such mail per person and event in six hours. */
  ownerNotice: { points: 1, seconds: 6 * 60 * 60 },
} as const;

/** The sweep that applies stored public forms left unapplied (ADR 0016). */
export const REGISTRATION_REQUESTS_QUEUE = 'access.registration-requests';

export const REGISTRATION_ACCEPTED: AcceptedResponse = {
  status: 'accepted',
  message: 'Thank you. Your registration has been received; check your inbox for a confirmation.',
};

type RegistrationInput = z.output<typeof registrationRequestSchema>;
type MyRegistrationInput = z.output<typeof myRegistrationRequestSchema>;
type ListQuery = z.output<typeof registrationListQuerySchema>;

const DEFAULT_SETTINGS = { approvalMode: 'manual', inPersonCapacity: null, retentionDays: null } as const;

interface Actor {
  personId: string | null;
}

/** How a consent reached the log: the public form (nobody signed in) or the person's own account. */
interface ConsentOrigin {
  source: ConsentSource;
  actorId: string | null;
}

/**
 * Registrations: the public form, organiser decisions, attendance switches, the in-person capacity with its waiting
 * list, and the mails each step sends. Every change runs in one transaction holding the event's settings row, so
 * seats are never over-allocated and nothing is half-written.
 */
@Injectable()
export class RegistrationService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly programme: ProgrammeService,
    private readonly tickets: TicketService,
    private readonly roles: RoleService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_NAME) private readonly app: string,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
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

  /**
   * The public form, from someone who may or may not own the address (ADR 0016). The request is stored and answered
   * at once — the same answer, after the same work, whether the address is new, known or already registered — and
   * applied right after the answer (`applyRequest`). A registration that exists is never changed from here: its owner
   * is told someone tried and changes it signed in. Signed in as the owner, the form saves like `saveMine`.
   */
  async register(
    event: EventEntity,
    input: RegistrationInput,
    ip: string,
    principal: Principal | null = null,
  ): Promise<AcceptedResponse> {
    await this.limits.consume('register-ip', REGISTRATION_LIMITS.perIp, ip);
    await this.limits.consume('register-email', REGISTRATION_LIMITS.perEmail, input.email);
    if (principal && principal.email === input.email) {
      const { email: _email, ...own } = input;
      await this.saveMine(event, principal, own);
      return REGISTRATION_ACCEPTED;
    }
    const id = randomUUID();
    await this.dataSource
      .getRepository(RegistrationRequestEntity)
      .insert({ id, eventId: event.id, payload: input });
    setImmediate(() => void this.applyRequestLogged(id));
    return REGISTRATION_ACCEPTED;
  }

  /**
   * An api process that starts applies the forms left stored at once, whatever their age: a restart is when they
   * exist (a process died between answering and applying). Applying is exactly once even while another process
   * applies the same form (row lock, skipped when locked, deleted with the work).
   */
  onApplicationBootstrap(): void {
    if (this.app !== 'api') return;
    void this.applyLeftovers(0).then(
      (applied) => {
        if (applied > 0) this.logger.warn({ applied }, 'registration forms applied late');
      },
      (error: unknown) => this.failures.record(error, 'registration forms not applied at start-up'),
    );
  }

  onModuleInit(): void {
    this.jobs.define({
      queue: REGISTRATION_REQUESTS_QUEUE,
      policy: 'stately',
      cron: '* * * * *',
      handle: async () => {
        const applied = await this.applyLeftovers();
        if (applied > 0) this.logger.warn({ applied }, 'registration forms applied late');
      },
    });
  }

  /**
   * Applies stored forms still there after `olderThanSeconds`: left by a process that stopped between answering and
   * applying, or by a failure while applying. The `access.registration-requests` job runs it every minute, once
   * across api processes; each form is applied once even so (row lock, deleted with the work).
   */
  async applyLeftovers(olderThanSeconds = 30): Promise<number> {
    const pending = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM registration_requests WHERE created_at < now() - make_interval(secs => $1)
        ORDER BY created_at LIMIT 1000`,
      [olderThanSeconds],
    );
    for (const { id } of pending) await this.applyRequestLogged(id);
    return pending.length;
  }

  private async applyRequestLogged(id: string): Promise<void> {
    try {
      await this.applyRequest(id);
    } catch (error) {
      // An outage is one throttled warning (ADR 0018); anything else an error with its stack. The sweep retries.
      this.failures.record(error, 'registration form not applied', { requestId: id });
    }
  }

  /**
   * Applies one stored public form, once (the row is locked and deleted in the same transaction): a new address
   * becomes a person and a pending registration; a known person without a registration for this event gets one
   * (their name stays theirs); a person already registered gets a mail instead and nothing changes.
   */
  async applyRequest(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.getRepository(RegistrationRequestEntity).findOne({
        where: { id },
        lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
      });
      if (!request) return;
      await manager.delete(RegistrationRequestEntity, { id });
      const parsed = registrationRequestSchema.safeParse(request.payload);
      const event = await this.programme.eventById(request.eventId);
      if (!parsed.success || !event) return;
      const input = parsed.data;
      const settings = await this.lockSettings(manager, event.id);
      const known = await manager.getRepository(PersonEntity).findOneBy({ email: input.email });
      const existing = known
        ? await manager.getRepository(RegistrationEntity).findOneBy({ eventId: event.id, personId: known.id })
        : null;
      if (known && existing) {
        await this.tellOwner(manager, event, known);
        return;
      }
      const person =
        known ?? manager.create(PersonEntity, { id: randomUUID(), email: input.email, name: input.name });
      if (!known) await manager.insert(PersonEntity, person);
      await this.create(manager, event, settings, person, input, { source: 'public_form', actorId: null });
    });
  }

  /** The signed-in person's own registration, or `registration/not-registered`. */
  async mine(event: EventEntity, principal: Principal): Promise<MyRegistration> {
    const registration = await this.dataSource
      .getRepository(RegistrationEntity)
      .findOneBy({ eventId: event.id, personId: principal.personId });
    if (!registration)
      throw new AccessException('registration/not-registered', 'You are not registered for this event.');
    const person = await this.dataSource
      .getRepository(PersonEntity)
      .findOneByOrFail({ id: principal.personId });
    return toMine(registration, person);
  }

  /**
   * The signed-in person registers or changes their registration: details, attendance (with the seat rules),
   * consents (each change in the consent log) and their name. A cancelled or rejected registration is submitted
   * again for approval.
   */
  async saveMine(
    event: EventEntity,
    principal: Principal,
    input: MyRegistrationInput,
  ): Promise<MyRegistration> {
    const actor = { personId: principal.personId };
    await this.dataSource.transaction(async (manager) => {
      const settings = await this.lockSettings(manager, event.id);
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ id: principal.personId });
      if (person.name !== input.name) {
        person.name = input.name;
        await manager.update(PersonEntity, { id: person.id }, { name: input.name });
      }
      const repository = manager.getRepository(RegistrationEntity);
      const existing = await repository.findOne({
        where: { eventId: event.id, personId: person.id },
        lock: { mode: 'pessimistic_write' },
      });
      const origin = { source: 'own_account', actorId: principal.personId } as const;
      if (!existing) {
        await this.create(manager, event, settings, person, { ...input, email: person.email }, origin);
        return;
      }
      const before = { ...existing };
      const reopened = existing.status === 'cancelled' || existing.status === 'rejected';
      Object.assign(existing, {
        organisation: input.organisation,
        jobTitle: input.jobTitle,
        country: input.country,
        attendance: input.attendance,
        accessibilityNeeds: input.accessibilityNeeds || null,
        photoRecordingConsent: input.consents.photoRecording,
        ...(reopened ? { status: 'pending' as const, privacyAcceptedAt: new Date() } : {}),
      });
      await repository.save(existing);
      if (reopened) {
        await this.recordConsents(manager, existing, origin, ['privacy_notice', 'photo_recording']);
      } else if (before.photoRecordingConsent !== existing.photoRecordingConsent) {
        await this.recordConsents(manager, existing, origin, ['photo_recording']);
      }
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: principal.personId,
        action: 'registration.self-update',
        targetId: existing.id,
        details: { changed: changedFields(before, existing) },
      });
      if (reopened) {
        await this.mail.enqueue(receivedMail(event, person, this.config.PUBLIC_URL), manager);
        if (settings.approvalMode === 'auto' || (await this.invited(manager, event.id, person.id)))
          await this.apply(manager, event, existing, person, 'approve', actor);
      } else if (before.attendance !== existing.attendance) {
        await this.reseat(manager, event, existing, person, actor);
        await this.promoteWaitlist(manager, event, actor);
      }
      // Open pages and cached sessions learn the new name and registration at once.
      await publishDomainEvent(manager, {
        type: 'access.registration-changed',
        eventId: event.id,
        personId: person.id,
        status: existing.status,
      });
    });
    return this.mine(event, principal);
  }

  /** The signed-in person cancels their own registration; a freed seat goes to the waiting list. */
  async cancelMine(event: EventEntity, principal: Principal): Promise<MyRegistration> {
    const actor = { personId: principal.personId };
    await this.dataSource.transaction(async (manager) => {
      await this.lockSettings(manager, event.id);
      const registration = await manager.getRepository(RegistrationEntity).findOne({
        where: { eventId: event.id, personId: principal.personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!registration)
        throw new AccessException('registration/not-registered', 'You are not registered for this event.');
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ id: principal.personId });
      await this.apply(manager, event, registration, person, 'cancel', actor);
      await this.promoteWaitlist(manager, event, actor);
    });
    return this.mine(event, principal);
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
      // Open "My ticket" pages of the person show the new code at once (the old one is refused at the door).
      await publishDomainEvent(manager, {
        type: 'access.ticket-reissued',
        eventId: event.id,
        personId: registration.personId,
      });
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

  /** A new registration: pending (approved at once when the event approves automatically or invited the person). */
  private async create(
    manager: EntityManager,
    event: EventEntity,
    settings: EventSettings,
    person: PersonEntity,
    input: RegistrationInput,
    origin: ConsentOrigin,
  ): Promise<void> {
    const registration = manager.create(RegistrationEntity, {
      id: randomUUID(),
      eventId: event.id,
      personId: person.id,
      status: 'pending',
      decidedAt: null,
      organisation: input.organisation,
      jobTitle: input.jobTitle,
      country: input.country,
      attendance: input.attendance,
      accessibilityNeeds: input.accessibilityNeeds || null,
      photoRecordingConsent: input.consents.photoRecording,
      privacyAcceptedAt: new Date(),
    });
    await manager.getRepository(RegistrationEntity).insert(registration);
    await this.recordConsents(manager, registration, origin, ['privacy_notice', 'photo_recording']);
    await this.roles.grant(manager, event.id, person.id, 'attendee', null);
    await this.mail.enqueue(receivedMail(event, person, this.config.PUBLIC_URL), manager);
    // Invited people (a role granted by an organiser) skip the approval queue.
    if (settings.approvalMode === 'auto' || (await this.invited(manager, event.id, person.id)))
      await this.apply(manager, event, registration, person, 'approve', { personId: origin.actorId });
  }

  private async invited(manager: EntityManager, eventId: string, personId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM event_roles WHERE event_id = $1 AND person_id = $2 AND granted_by IS NOT NULL LIMIT 1',
      [eventId, personId],
    );
    return rows.length > 0;
  }

  /**
   * Someone used a registered person's address on the public form: the owner hears of it (at most once per
   * `REGISTRATION_LIMITS.ownerNotice`), with the way to change their registration, which is to sign in.
   */
  private async tellOwner(manager: EntityManager, event: EventEntity, person: PersonEntity): Promise<void> {
    try {
      await this.limits.consume(
        'register-notice',
        REGISTRATION_LIMITS.ownerNotice,
        `${person.id}:${event.id}`,
      );
    } catch (error) {
      if (error instanceof RateLimitedException) return;
      throw error;
    }
    await this.mail.enqueue(attemptMail(event, person, this.config.PUBLIC_URL), manager);
  }

  /** Appends the current state of the given consents to the consent log. */
  private async recordConsents(
    manager: EntityManager,
    registration: RegistrationEntity,
    origin: ConsentOrigin,
    kinds: ConsentKind[],
  ): Promise<void> {
    const granted: Record<ConsentKind, boolean> = {
      privacy_notice: true,
      photo_recording: registration.photoRecordingConsent,
    };
    await manager.insert(
      ConsentRecordEntity,
      kinds.map((kind) => ({
        id: randomUUID(),
        personId: registration.personId,
        eventId: registration.eventId,
        kind,
        granted: granted[kind],
        source: origin.source,
        actorId: origin.actorId,
      })),
    );
  }

  /**
   * Whether anyone is registered for the event (pending, approved or waitlisted), counting public forms received
   * but not applied yet (ADR 0016). Takes the settings lock every registration takes, so one committing meanwhile
   * is counted.
   */
  async hasRegistrations(manager: EntityManager, eventId: string): Promise<boolean> {
    await this.lockSettings(manager, eventId);
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM registrations WHERE event_id = $1 AND status IN ('pending', 'approved', 'waitlisted')
       UNION ALL SELECT 1 FROM registration_requests WHERE event_id = $1
       LIMIT 1`,
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

  /** Ensures the settings row exists and locks it: the serialisation point of every registration change. */
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

function toMine(registration: RegistrationEntity, person: PersonEntity): MyRegistration {
  return {
    id: registration.id,
    status: registration.status,
    name: person.name,
    email: person.email,
    organisation: registration.organisation,
    jobTitle: registration.jobTitle,
    country: registration.country,
    attendance: registration.attendance,
    accessibilityNeeds: registration.accessibilityNeeds,
    consents: {
      privacyAcceptedAt: registration.privacyAcceptedAt.toISOString(),
      photoRecording: registration.photoRecordingConsent,
    },
    createdAt: registration.createdAt.toISOString(),
    updatedAt: registration.updatedAt.toISOString(),
  };
}

const EDITABLE_FIELDS = [
  'organisation',
  'jobTitle',
  'country',
  'attendance',
  'accessibilityNeeds',
  'photoRecordingConsent',
  'status',
] as const;

/** Names of the fields a change touched (for the audit log: which, not the personal values). */
function changedFields(before: RegistrationEntity, after: RegistrationEntity): string[] {
  return EDITABLE_FIELDS.filter((field) => before[field] !== after[field]);
}
