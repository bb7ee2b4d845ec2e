import { Inject, Injectable } from '@nestjs/common';
import {
  CONTACT_MIN_FILL_SECONDS,
  CONTACT_TOKEN_TTL_SECONDS,
  type ContactFormToken,
  type contactMessageRequestSchema,
} from '@plenary/contracts';
import { RoleService } from '@plenary/server-access';
import {
  APP_CONFIG,
  CoreException,
  MailService,
  RateLimitService,
  renderMail,
  type AppConfig,
  type RateLimitRule,
} from '@plenary/server-core';
import { ProgrammeException, ProgrammeService, type EventEntity } from '@plenary/server-programme';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

/** Contact messages per sending address (IP): a person writes a few; a script is stopped early. */
export const CONTACT_LIMIT_PER_IP: RateLimitRule = { points: 5, seconds: 600 };
/** Contact messages per event: a busy team's inbox is not flooded from many addresses at once. */
export const CONTACT_LIMIT_PER_EVENT: RateLimitRule = { points: 60, seconds: 3600 };
/** Form tokens per IP (each page view asks for one). */
export const CONTACT_TOKEN_LIMIT_PER_IP: RateLimitRule = { points: 60, seconds: 60 };

type ContactMessage = z.output<typeof contactMessageRequestSchema>;

/** Why a message was refused as likely spam; the web form explains each in plain words. */
export type ContactRefusal = 'honeypot' | 'too-fast' | 'token-invalid' | 'token-expired';

function refused(reason: ContactRefusal, message: string): CoreException {
  return new CoreException('core/bad-request', message, { reason });
}

/**
 * The contact form of a public event page: a signed form token with a minimum fill time, a honeypot field, rate
 * limits per IP and per event; the mail goes through the outbox to the event's contact address, or to its organisers
 * when it has none, with the sender as Reply-To. Nothing of the sender is logged.
 */
@Injectable()
export class EventContactService {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly roles: RoleService,
    private readonly mail: MailService,
    private readonly limits: RateLimitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A published (or archived) event by its current slug; drafts have no public contact form. */
  private async contactableEvent(slug: string): Promise<EventEntity> {
    const event = await this.programme.requireEvent(slug);
    if (event.status === 'draft') throw ProgrammeException.eventNotFound(slug);
    return event;
  }

  private sign(eventId: string, issuedAt: number): string {
    return createHmac('sha256', this.config.AUTH_SECRET)
      .update(`event-contact:${eventId}:${issuedAt}`)
      .digest('base64url');
  }

  async issueToken(slug: string, ip: string, now = Date.now()): Promise<ContactFormToken> {
    await this.limits.consume('event-contact-token-ip', CONTACT_TOKEN_LIMIT_PER_IP, ip);
    const event = await this.contactableEvent(slug);
    const issuedAt = Math.floor(now / 1000);
    return {
      token: `${issuedAt}.${this.sign(event.id, issuedAt)}`,
      minFillSeconds: CONTACT_MIN_FILL_SECONDS,
    };
  }

  /** Checks the token's signature and age: at least the minimum fill time, at most its lifetime. */
  private checkToken(event: EventEntity, token: string, now: number): void {
    const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    const issuedAt = Number(match?.[1]);
    const expected = Buffer.from(this.sign(event.id, issuedAt));
    const given = Buffer.from(match?.[2] ?? '');
    if (!match || given.length !== expected.length || !timingSafeEqual(given, expected))
      throw refused('token-invalid', 'This form has expired. Reload the page and send your message again.');
    const age = Math.floor(now / 1000) - issuedAt;
    if (age < CONTACT_MIN_FILL_SECONDS)
      throw refused('too-fast', 'That was quick. Please wait a few seconds and send your message again.');
    if (age > CONTACT_TOKEN_TTL_SECONDS)
      throw refused('token-expired', 'This form has expired. Reload the page and send your message again.');
  }

  async send(slug: string, input: ContactMessage, ip: string, now = Date.now()): Promise<void> {
    await this.limits.consume('event-contact-ip', CONTACT_LIMIT_PER_IP, ip);
    const event = await this.contactableEvent(slug);
    if (input.website.trim() !== '')
      throw refused('honeypot', 'Your message could not be sent. Leave the last field empty and try again.');
    this.checkToken(event, input.token, now);
    await this.limits.consume('event-contact-event', CONTACT_LIMIT_PER_EVENT, event.id);

    const recipients = event.contactEmail
      ? [event.contactEmail]
      : (await this.roles.holders(event.id, 'organiser')).map((holder) => holder.email);
    if (recipients.length === 0)
      throw new CoreException('core/not-found', 'This event has no contact address yet.');

    const subject = `Message from ${input.name} via the ${event.shortName ?? event.name} page`;
    const paragraphs = [
      `${input.name} <${input.email}> wrote through the contact form of ${event.name}. Reply to this mail to answer them.`,
      ...input.message.split(/\n\s*\n/),
    ];
    await this.mail.enqueueMany(
      recipients.map((to) => ({
        to,
        subject,
        text: `${paragraphs.join('\n\n')}\n`,
        html: renderMail(paragraphs),
        replyTo: input.email,
        eventId: event.id,
      })),
    );
  }
}
