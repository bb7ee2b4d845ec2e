import { Injectable } from '@nestjs/common';
import type { Attendance, Me, RegistrationStatus, Role, Ticket } from '@plenary/contracts';
import type { EventEntity } from '@plenary/server-programme';
import { DataSource } from 'typeorm';
import { AccessException } from '../access.exception';
import { RegistrationEntity, TicketEntity } from '../entities';
import type { Principal } from '../identity/principal';
import { PlatformAdminService } from '../identity/platform-admin.service';
import { RoleService } from '../identity/role.service';
import { TicketService } from '../tickets/ticket.service';

/** Roles that reach every session of their event without a registration. */
const STAFF_ROLES: Role[] = ['speaker', 'moderator', 'staff', 'organiser'];

/** What a signed-in person sees of themselves: memberships, ticket, access to sessions. */
@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RoleService,
    private readonly tickets: TicketService,
    private readonly admins: PlatformAdminService,
  ) {}

  async me(principal: Principal): Promise<Me> {
    const rows = await this.dataSource.query<
      Array<{
        slug: string;
        roles: Role[] | null;
        registration_id: string | null;
        status: RegistrationStatus | null;
        attendance: Attendance | null;
      }>
    >(
      `SELECT e.slug,
              (SELECT array_agg(er.role::text ORDER BY er.role) FROM event_roles er WHERE er.event_id = e.id AND er.person_id = $1) AS roles,
              r.id AS registration_id, r.status, r.attendance
         FROM events e
         LEFT JOIN registrations r ON r.event_id = e.id AND r.person_id = $1
        WHERE r.id IS NOT NULL OR EXISTS (SELECT 1 FROM event_roles er WHERE er.event_id = e.id AND er.person_id = $1)
        ORDER BY e.start_date, e.slug`,
      [principal.personId],
    );
    return {
      person: { id: principal.personId, name: principal.name, email: principal.email },
      isAdmin: await this.admins.isAdmin(principal.personId),
      memberships: rows.map((row) => ({
        eventSlug: row.slug,
        roles: row.roles ?? [],
        registration:
          row.registration_id && row.status && row.attendance
            ? { id: row.registration_id, status: row.status, attendance: row.attendance }
            : null,
      })),
    };
  }

  async myTicket(principal: Principal, event: EventEntity): Promise<Ticket> {
    const registration = await this.dataSource
      .getRepository(RegistrationEntity)
      .findOneBy({ eventId: event.id, personId: principal.personId });
    if (!registration)
      throw new AccessException('registration/not-registered', 'You are not registered for this event.');
    if (registration.status !== 'approved') {
      throw new AccessException(
        'registration/not-approved',
        `Your registration is ${registration.status}; a ticket comes with approval.`,
        {
          status: registration.status,
        },
      );
    }
    const ticket = await this.tickets.active(this.dataSource.manager, registration.id);
    if (!ticket)
      throw new AccessException(
        'registration/ticket-not-found',
        'No active ticket: ask the organisers to reissue it.',
      );
    return this.toTicket(
      event,
      ticket,
      principal,
      registration,
      await this.roles.rolesOf(principal.personId, event.id),
    );
  }

  /** Whether a person may enter an event's sessions: an approved registration or a staff-like role. */
  async sessionAccess(principal: Principal, event: EventEntity): Promise<{ granted: true; roles: Role[] }> {
    const roles = await this.roles.rolesOf(principal.personId, event.id);
    if (roles.some((role) => STAFF_ROLES.includes(role))) return { granted: true, roles };
    const registration = await this.dataSource
      .getRepository(RegistrationEntity)
      .findOneBy({ eventId: event.id, personId: principal.personId });
    if (!registration)
      throw new AccessException(
        'registration/not-registered',
        'This session is for registered participants.',
      );
    if (registration.status !== 'approved') {
      throw new AccessException('registration/not-approved', `Your registration is ${registration.status}.`, {
        status: registration.status,
      });
    }
    return { granted: true, roles };
  }

  private toTicket(
    event: EventEntity,
    ticket: TicketEntity,
    principal: Principal,
    registration: RegistrationEntity,
    roles: Role[],
  ): Ticket {
    return {
      id: ticket.id,
      eventSlug: event.slug,
      qrPayload: this.tickets.payload(ticket),
      holder: { name: principal.name, organisation: registration.organisation },
      attendance: registration.attendance,
      roles,
      issuedAt: ticket.issuedAt.toISOString(),
    };
  }
}
