import { createEventRequestSchema, eventSlugSchema, updateEventRequestSchema } from '@plenary/contracts';
import type {
  CreateEventRequest,
  EventFormat,
  ManagedEvent,
  PartnerTier,
  UpdateEventRequest,
  ValidationIssue,
} from '@plenary/contracts';

// The event form's state as people type it (strings everywhere), and how it becomes a request: one model for the
// create form (`/manage/new`) and the settings page, validated by the same zod contracts the server uses.

export interface PartnerValues {
  name: string;
  url: string;
  logoUrl: string;
  tier: PartnerTier;
}

export interface BlockValues {
  title: string;
  body: string;
}

export interface EventFormValues {
  slug: string;
  name: string;
  shortName: string;
  tagline: string;
  description: string;
  startDate: string;
  endDate: string;
  timeZone: string;
  venueName: string;
  venueAddress: string;
  venueCity: string;
  venueCountry: string;
  format: EventFormat;
  /** Comma-separated BCP 47 tags: `en, de`. */
  languages: string;
  organiserName: string;
  organiserUrl: string;
  logoUrl: string;
  /** `#rrggbb`, or empty for none. */
  accentColor: string;
  contactEmail: string;
  contactAddress: string;
  partners: PartnerValues[];
  blocks: BlockValues[];
}

export const EMPTY_EVENT_FORM: EventFormValues = {
  slug: '',
  name: '',
  shortName: '',
  tagline: '',
  description: '',
  startDate: '',
  endDate: '',
  timeZone: 'Europe/Vienna',
  venueName: '',
  venueAddress: '',
  venueCity: '',
  venueCountry: '',
  format: 'hybrid',
  languages: 'en',
  organiserName: '',
  organiserUrl: '',
  logoUrl: '',
  accentColor: '',
  contactEmail: '',
  contactAddress: '',
  partners: [],
  blocks: [],
};

/** The form filled with an event as it is now. */
export function formFromEvent(event: ManagedEvent): EventFormValues {
  return {
    slug: event.slug,
    name: event.name,
    shortName: event.shortName ?? '',
    tagline: event.tagline ?? '',
    description: event.description ?? '',
    startDate: event.startDate,
    endDate: event.endDate,
    timeZone: event.timeZone,
    venueName: event.venue.name,
    venueAddress: event.venue.address ?? '',
    venueCity: event.venue.city,
    venueCountry: event.venue.country,
    format: event.format,
    languages: event.languages.join(', '),
    organiserName: event.organiser.name,
    organiserUrl: event.organiser.url ?? '',
    logoUrl: event.logoUrl ?? '',
    accentColor: event.accentColor ?? '',
    contactEmail: event.contactEmail ?? '',
    contactAddress: event.contactAddress ?? '',
    partners: event.partners.map((partner) => ({
      name: partner.name,
      url: partner.url ?? '',
      logoUrl: partner.logoUrl ?? '',
      tier: partner.tier,
    })),
    blocks: event.blocks.map((block) => ({ title: block.title, body: block.body })),
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

/** Every field of the form as the API takes it (empty optional texts become null). */
function toFields(values: EventFormValues) {
  return {
    slug: values.slug.trim(),
    name: values.name,
    shortName: orNull(values.shortName),
    tagline: orNull(values.tagline),
    description: orNull(values.description),
    startDate: values.startDate,
    endDate: values.endDate,
    timeZone: values.timeZone,
    venue: {
      name: values.venueName,
      address: orNull(values.venueAddress),
      city: values.venueCity,
      country: values.venueCountry,
    },
    format: values.format,
    languages: values.languages
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    organiser: { name: values.organiserName, url: orNull(values.organiserUrl) },
    logoUrl: orNull(values.logoUrl),
    accentColor: orNull(values.accentColor),
    contactEmail: orNull(values.contactEmail),
    contactAddress: orNull(values.contactAddress),
    partners: values.partners.map((partner) => ({
      name: partner.name,
      url: orNull(partner.url),
      logoUrl: orNull(partner.logoUrl),
      tier: partner.tier,
    })),
    blocks: values.blocks.map((block) => ({ title: block.title, body: block.body })),
  };
}

export type FormCheck<T> = { ok: true; request: T } | { ok: false; issues: ValidationIssue[] };

const issuesOf = (error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }) =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** The create request (a new draft): what the create form shows; page sections come later in the settings. */
export function toCreateRequest(values: EventFormValues): FormCheck<CreateEventRequest> {
  const {
    description: _d,
    contactEmail: _c,
    contactAddress: _a,
    partners: _p,
    blocks: _b,
    ...fields
  } = toFields(values);
  const request: CreateEventRequest = fields;
  const parsed = createEventRequestSchema.safeParse(request);
  return parsed.success ? { ok: true, request } : { ok: false, issues: issuesOf(parsed.error) };
}

/**
 * The update request: only the fields that differ from the event as it was read (a `PATCH` changes what it sends),
 * so a save never rewrites a field nobody touched. `null` when nothing changed.
 */
export function toUpdateRequest(
  values: EventFormValues,
  base: EventFormValues,
): FormCheck<UpdateEventRequest> | null {
  const now = toFields(values) as Record<string, unknown>;
  const before = toFields(base) as Record<string, unknown>;
  const changed = Object.fromEntries(
    Object.entries(now).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  ) as UpdateEventRequest;
  if (Object.keys(changed).length === 0) return null;
  const parsed = updateEventRequestSchema.safeParse(changed);
  return parsed.success ? { ok: true, request: changed } : { ok: false, issues: issuesOf(parsed.error) };
}

/** The slug's problem while it is typed (null: fine, or empty and not yet typed). */
export function slugIssue(slug: string): string | null {
  if (slug === '') return null;
  const parsed = eventSlugSchema.safeParse(slug);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
}

/** A slug suggested from a name: "VMC 2022" → "vmc-2022". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/g, '');
}

/** The id of the control for an issue's path: `venue.city` → `event-venue-city`. */
export function fieldIdFor(path: string): string {
  const id = {
    'venue.name': 'venueName',
    'venue.address': 'venueAddress',
    'venue.city': 'venueCity',
    'venue.country': 'venueCountry',
    'organiser.name': 'organiserName',
    'organiser.url': 'organiserUrl',
  }[path];
  return `event-${(id ?? path).replace(/\./g, '-')}`;
}

/** Field id → first message, from issues with paths (client check or the API's `details`). */
export function errorsByField(issues: readonly ValidationIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues)
    errors[fieldIdFor(issue.path)] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  return errors;
}

/** Every time zone the browser knows, for the searchable picker. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const zones = intl.supportedValuesOf?.('timeZone') ?? [];
  return zones.includes('UTC') ? zones : [...zones, 'UTC'];
}
