import { renderMail, type MailMessage } from '@plenary/server-core';
import type { EventEntity } from '@plenary/server-programme';

interface Recipient {
  name: string;
  email: string;
}

const dates = (event: EventEntity): string =>
  event.startDate === event.endDate ? event.startDate : `${event.startDate} – ${event.endDate}`;

export function receivedMail(event: EventEntity, to: Recipient, publicUrl: string): MailMessage {
  const lines = [
    `Hello ${to.name},`,
    `Thank you for registering for “${event.name}” (${dates(event)}).`,
    'The organisers review every registration. You will get another mail when they have decided.',
    `Event page: ${publicUrl}/e/${event.slug}`,
  ];
  return {
    to: to.email,
    eventId: event.id,
    subject: `Registration received: ${event.name}`,
    text: lines.join('\n\n'),
    html: renderMail(lines),
  };
}

export function approvedMail(
  event: EventEntity,
  to: Recipient,
  publicUrl: string,
  qrPayload: string,
  reissued = false,
): MailMessage {
  const ticketUrl = `${publicUrl}/e/${event.slug}/ticket`;
  const lines = [
    `Hello ${to.name},`,
    reissued
      ? `Your ticket for “${event.name}” has been reissued. The previous code no longer works.`
      : `Your registration for “${event.name}” (${dates(event)}) is approved.`,
    'Show the QR code below at the entrance, or open your ticket online. To sign in, use “Already registered? Access here” on the event page with this address.',
    `Your ticket: ${ticketUrl}`,
    `Ticket code (if the image does not show): ${qrPayload}`,
  ];
  return {
    to: to.email,
    eventId: event.id,
    subject: reissued ? `New ticket: ${event.name}` : `You are registered: ${event.name}`,
    text: lines.join('\n\n'),
    html: renderMail(lines.slice(0, 3), { label: 'Open my ticket', url: ticketUrl }, true),
    qrPayload,
  };
}

export function statusMail(
  event: EventEntity,
  to: Recipient,
  status: 'rejected' | 'cancelled' | 'waitlisted',
): MailMessage {
  const message = {
    rejected: `We are sorry: the organisers could not accept your registration for “${event.name}”.`,
    cancelled: `Your registration for “${event.name}” has been cancelled. Your ticket no longer works.`,
    waitlisted: `The room for “${event.name}” is full. You are on the waiting list for an in-person place and will hear from us as soon as one frees up.`,
  }[status];
  const lines = [`Hello ${to.name},`, message];
  return {
    to: to.email,
    eventId: event.id,
    subject: `Registration update: ${event.name}`,
    text: lines.join('\n\n'),
    html: renderMail(lines),
  };
}

/** To a registered person whose address someone used on the public form: nothing changed; sign in to change it. */
export function attemptMail(event: EventEntity, to: Recipient, publicUrl: string): MailMessage {
  const signIn = `${publicUrl}/e/${event.slug}/access`;
  const lines = [
    `Hello ${to.name},`,
    `Someone tried to register for “${event.name}” with your e-mail address. You are already registered, and nothing has been changed.`,
    'To change your registration — your details, how you attend, your consents — sign in with this address and open “My registration”.',
    `Sign in: ${signIn}`,
    'If this was not you, you can ignore this mail.',
  ];
  return {
    to: to.email,
    subject: `Your registration: ${event.name}`,
    text: lines.join('\n\n'),
    html: renderMail([lines[0] ?? '', lines[1] ?? '', lines[2] ?? '', lines[4] ?? ''], {
      label: 'Sign in',
      url: signIn,
    }),
  };
}
