import { Inject, Injectable } from '@nestjs/common';
import {
  invitationSchema,
  toValidationIssues,
  type Invitation,
  type InvitationsResult,
  type Role,
} from '@plenary/contracts';
import { APP_CONFIG, CoreException, MailService, renderMail, type AppConfig } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';
import { parse } from 'csv-parse/sync';
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

/** Invitations by e-mail with a role (one by one or from CSV), and the CSV export of registrations. */
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
        const action =
          invitation.role === 'attendee'
            ? { label: 'Register', url: `${this.config.PUBLIC_URL}/e/${event.slug}/register` }
            : { label: 'Sign in', url: `${this.config.PUBLIC_URL}/e/${event.slug}/access` };
        const lines = [
          `Hello ${person.name},`,
          `You are invited to “${event.name}” as ${ROLE_LABEL[invitation.role]}.`,
          invitation.role === 'attendee'
            ? 'Register with this e-mail address: your registration is approved straight away.'
            : 'Sign in with this e-mail address (“Already registered? Access here”) to reach your tools.',
          action.url,
        ];
        await this.mail.enqueue(
          {
            to: person.email,
            subject: `Invitation: ${event.name}`,
            text: lines.join('\n\n'),
            html: renderMail(lines.slice(0, 3), action),
          },
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

  /** Imports `email,name,role` rows (header required). Any invalid row rejects the whole file, listing every problem. */
  async importCsv(event: EventEntity, csv: string, actorId: string): Promise<InvitationsResult> {
    let records: Array<Record<string, string>>;
    try {
      records = parse(csv, {
        columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
        bom: true,
        max_record_size: 4096,
      });
    } catch (error) {
      throw new CoreException('core/validation-failed', 'The file is not valid CSV.', [
        { path: 'csv', message: error instanceof Error ? error.message : 'unreadable' },
      ]);
    }
    if (records.length === 0)
      throw new CoreException('core/validation-failed', 'The file has no rows.', [
        { path: 'csv', message: 'no rows' },
      ]);
    if (records.length > 1000)
      throw new CoreException('core/validation-failed', 'Import at most 1,000 rows at a time.', [
        { path: 'csv', message: 'too many rows' },
      ]);
    const valid: Array<z.output<typeof invitationSchema>> = [];
    const errors: InvitationsResult['errors'] = [];
    records.forEach((record, index) => {
      const parsed = invitationSchema.safeParse({
        email: record['email'],
        name: record['name'],
        role: (record['role'] || 'attendee').toLowerCase(),
      } satisfies Record<keyof Invitation, unknown>);
      if (parsed.success) valid.push(parsed.data);
      else
        errors.push({
          row: index + 2,
          message: toValidationIssues(parsed.error)
            .map((i) => `${i.path}: ${i.message}`)
            .join('; '),
        });
    });
    if (errors.length > 0)
      throw new CoreException(
        'core/validation-failed',
        `${errors.length} row(s) cannot be imported; nothing was imported.`,
        errors,
      );
    return this.invite(event, valid, actorId);
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
