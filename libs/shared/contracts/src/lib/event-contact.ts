import { z } from 'zod';
import { emailSchema } from './access';
import { hasVisibleCharacter, personNameSchema } from './text';

// The contact form of a public event page (issue #12): a stranger writes to the event's team. Spam is kept out
// without third-party captchas: a hidden field people never fill (the honeypot), a form token signed by the server
// that must be at least a few seconds old (bots post at once) and not too old, and rate limits per address and per
// event. The mail goes to the event's contact address (or its organisers) with the sender as Reply-To.

export const CONTACT_MESSAGE_MAX = 5000;
/** The form must be open at least this long before it is sent. */
export const CONTACT_MIN_FILL_SECONDS = 3;
/** A form token is good for this long (a long message, a coffee break). */
export const CONTACT_TOKEN_TTL_SECONDS = 4 * 3600;

/** `GET /api/events/:slug/contact/token`: a signed token to send with the form. */
export const contactFormTokenSchema = z.object({
  token: z.string(),
  /** Seconds after which the token is accepted (the minimum fill time). */
  minFillSeconds: z.number().int(),
});
export type ContactFormToken = z.infer<typeof contactFormTokenSchema>;

/** `POST /api/events/:slug/contact`. */
export const contactMessageRequestSchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  message: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(CONTACT_MESSAGE_MAX, `must be at most ${CONTACT_MESSAGE_MAX} characters`)
    .refine(hasVisibleCharacter, 'must contain a visible character'),
  /** The form token from `GET …/contact/token`. */
  token: z.string().max(200),
  /** The honeypot: a field hidden from people; anything in it means a bot. */
  website: z.string().max(2000).default(''),
});
export type ContactMessageRequest = z.input<typeof contactMessageRequestSchema>;

/** `202`: the message is on its way to the event's team. */
export const contactMessageAcceptedSchema = z.object({ accepted: z.literal(true) });
export type ContactMessageAccepted = z.infer<typeof contactMessageAcceptedSchema>;
