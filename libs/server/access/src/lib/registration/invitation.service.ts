import { Inject, Injectable } from '@nestjs/common';
import { invitationSchema, type InvitationsResult, type Role } from '@plenary/contracts';
import { APP_CONFIG, MailService, renderMail, type AppConfig, type MailMessage } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import { stringify } from 'csv-stringify/sync';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { RoleService } from '../identity/role.service';
import { RegistrationService } from './registration.service';

const ROLE_LABEL: Record<Role, string> = {
  attendee: 'a participant',
  speaker: 'a speaker',
  moderator: 'a moderator',
  staff: 'staff',
  organiser: 'a co-organiser',
};

/** Cells starting with these characters would run as formulas in a spreadsheet: they get a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (value: string | boolean | string[] | null): string => {
  const text = value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};

/** The invitation mail: register (attendees) or sign in (every other role) with this address. */
export function invitationMail(
  event: Pick<EventEntity, 'id' | 'slug' | 'name'>,
  person: { name: string; email: string },
  role: Role,
  publicUrl: string,
): MailMessage {
  const action =
    role === 'attendee'
      ? { label: 'Register', url: `${publicUrl}/e/${event.slug}/register` }
      : { label: 'Sign in', url: `${publicUrl}/e/${event.slug}/access` };
  const lines = [
    `Hello ${person.name},`,
    `You are invited to “${event.name}” as ${ROLE_LABEL[role]}.`,
    role === 'attendee'
      ? 'Register with this e-mail address: your registration is approved straight away.'
      : 'Sign in with this e-mail address (“Already registered? Access here”) to reach your tools.',
    action.url,
  ];
  return {
    to: person.email,
    subject: `Invitation: ${event.name}`,
    text: lines.join('\n\n'),
    html: renderMail(lines.slice(0, 3), action),
    eventId: event.id,
  };
}

/** Invitations by e-mail with a role, and the CSV export of registrations. CSV imports: `InvitationImportService`. */
@Injectable()
export class InvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roles: RoleService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly registrations: RegistrationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Grants each invitee their role (creating the person when new) and mails them; all or nothing. */
  async invite(
    event: EventEntity,
    invitations: Array<z.output<typeof invitationSchema>>,
    actorId: string,
  ): Promise<InvitationsResult> {
    await this.dataSource.transaction(async (manager) => {
      for (const invitation of invitations) {
        const [person] = await manager.query<Array<{ id: string; name: string; email: string }>>(
          `INSERT INTO people (id, email, name) VALUES ($1, $2, $3)
           ON CONFLICT (email) DO UPDATE SET updated_at = now() RETURNING id, name, email`,
          [randomUUID(), invitation.email, invitation.name],
        );
        if (!person) throw new Error('person upsert returned nothing');
        await this.roles.grant(manager, event.id, person.id, invitation.role, actorId);
        await this.mail.enqueue(
          invitationMail(event, person, invitation.role, this.config.PUBLIC_URL),
          manager,
        );
        await this.audit.record(manager, {
          eventId: event.id,
          actorId,
          action: 'invitation.send',
          targetId: person.id,
          details: { role: invitation.role },
        });
      }
    });
    return { invited: invitations.length, errors: [] };
  }

  async exportCsv(event: EventEntity): Promise<string> {
    const { items } = await this.registrations.list(event, { limit: 1_000_000, offset: 0 });
    const columns = [
      'name',
      'email',
      'organisation',
      'jobTitle',
      'country',
      'attendance',
      'status',
      'roles',
      'accessibilityNeeds',
      'photoRecordingConsent',
      'createdAt',
    ] as const;
    return stringify(
      items.map((item) => columns.map((column) => safeCell(item[column]))),
      { header: true, columns: [...columns], bom: true },
    );
  }
}
