import {
  acceptedResponseSchema,
  bulkDecisionRequestSchema,
  bulkDecisionResultSchema,
  eraseRequestSchema,
  eventSettingsSchema,
  invitationsImportSchema,
  invitationsRequestSchema,
  invitationsResultSchema,
  meSchema,
  outboxListSchema,
  personalDataExportSchema,
  redeemAccessCodeSchema,
  redeemMagicLinkSchema,
  registrationListQuerySchema,
  registrationListSchema,
  registrationRequestSchema,
  registrationRowSchema,
  signInRequestSchema,
  ticketKeySchema,
  ticketSchema,
  updateRegistrationSchema,
  API_PREFIX,
  errorEnvelopeSchema,
  eventDetailSchema,
  eventListSchema,
  eventSlugSchema,
  entityIdSchema,
  sessionSchema,
} from '@plenary/contracts';
import { z } from 'zod';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 200 unless said. */
  status?: number;
  /** Who may call it: anyone, a signed-in person, or an organiser of the event. */
  access?: 'public' | 'session' | 'organiser';
  errors: number[];
}

const slug = { slug: eventSlugSchema };
const registrationId = { slug: eventSlugSchema, registrationId: entityIdSchema };

/** The REST surface, described from the same zod contracts the server validates with and the web client reads. */
const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/events',
    summary: 'List events',
    tag: 'programme',
    response: eventListSchema,
    errors: [],
  },
  {
    method: 'get',
    path: '/events/{slug}',
    summary: 'Get an event with its days, sessions and speakers',
    tag: 'programme',
    params: { slug: eventSlugSchema },
    response: eventDetailSchema,
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/events/{slug}/sessions/{sessionId}',
    summary: 'Get one session of an event',
    tag: 'programme',
    params: { slug: eventSlugSchema, sessionId: entityIdSchema },
    response: sessionSchema,
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/events/{slug}/registrations',
    summary: 'Register (same answer for new and known addresses)',
    tag: 'registration',
    params: slug,
    body: registrationRequestSchema,
    response: acceptedResponseSchema,
    status: 202,
    errors: [400, 403, 404, 429],
  },
  {
    method: 'get',
    path: '/events/{slug}/ticket-key',
    summary: "The event's Ed25519 public key for offline ticket checks",
    tag: 'registration',
    params: slug,
    response: ticketKeySchema,
    errors: [404],
  },
  {
    method: 'post',
    path: '/auth/sign-in',
    summary: 'Mail a sign-in link and access code (same answer for any address)',
    tag: 'identity',
    body: signInRequestSchema,
    response: acceptedResponseSchema,
    status: 202,
    errors: [400, 403, 429],
  },
  {
    method: 'post',
    path: '/auth/magic-link',
    summary: 'Redeem a magic link; sets the session cookie',
    tag: 'identity',
    body: redeemMagicLinkSchema,
    response: meSchema,
    errors: [400, 403, 429],
  },
  {
    method: 'post',
    path: '/auth/access-code',
    summary: 'Redeem an access code; sets the session cookie',
    tag: 'identity',
    body: redeemAccessCodeSchema,
    response: meSchema,
    errors: [400, 403, 429],
  },
  {
    method: 'post',
    path: '/auth/sign-out',
    summary: 'End this session',
    tag: 'identity',
    access: 'session',
    status: 204,
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/auth/sign-out-everywhere',
    summary: 'End every session of the signed-in person',
    tag: 'identity',
    access: 'session',
    status: 204,
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/me',
    summary: 'The signed-in person and their events, roles and registrations',
    tag: 'identity',
    access: 'session',
    response: meSchema,
    errors: [401],
  },
  {
    method: 'get',
    path: '/me/export',
    summary: 'Download everything held about the signed-in person',
    tag: 'personal data',
    access: 'session',
    response: personalDataExportSchema,
    errors: [401],
  },
  {
    method: 'post',
    path: '/me/erase',
    summary: 'Erase the signed-in person',
    tag: 'personal data',
    access: 'session',
    body: eraseRequestSchema,
    status: 204,
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/events/{slug}/my/ticket',
    summary: 'My ticket (approved registrations)',
    tag: 'registration',
    access: 'session',
    params: slug,
    response: ticketSchema,
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/events/{slug}/sessions/{sessionId}/access',
    summary: 'Whether I may join a session',
    tag: 'registration',
    access: 'session',
    params: { slug: eventSlugSchema, sessionId: entityIdSchema },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/events/{slug}/registrations',
    summary: 'List, search and filter registrations',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    query: registrationListQuerySchema,
    response: registrationListSchema,
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/events/{slug}/registrations.csv',
    summary: 'Export registrations as CSV',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/events/{slug}/registrations/decisions',
    summary: 'Approve, reject or cancel registrations in bulk',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    body: bulkDecisionRequestSchema,
    response: bulkDecisionResultSchema,
    errors: [400, 401, 403, 404],
  },
  {
    method: 'patch',
    path: '/events/{slug}/registrations/{registrationId}',
    summary: 'Switch attendance mode',
    tag: 'organiser',
    access: 'organiser',
    params: registrationId,
    body: updateRegistrationSchema,
    response: registrationRowSchema,
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/events/{slug}/registrations/{registrationId}/ticket/reissue',
    summary: 'Reissue a ticket (revokes the old code)',
    tag: 'organiser',
    access: 'organiser',
    params: registrationId,
    status: 204,
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/events/{slug}/settings',
    summary: 'Registration settings',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    response: eventSettingsSchema,
    errors: [401, 403],
  },
  {
    method: 'put',
    path: '/events/{slug}/settings',
    summary: 'Update registration settings',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    body: eventSettingsSchema,
    response: eventSettingsSchema,
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/events/{slug}/invitations',
    summary: 'Invite people with a role',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    body: invitationsRequestSchema,
    response: invitationsResultSchema,
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/events/{slug}/invitations/import',
    summary: 'Import invitations from CSV (email,name,role)',
    tag: 'organiser',
    access: 'organiser',
    params: slug,
    body: invitationsImportSchema,
    response: invitationsResultSchema,
    errors: [400, 401, 403],
  },
  {
    method: 'delete',
    path: '/events/{slug}/people/{personId}/sessions',
    summary: "End a participant's sessions",
    tag: 'organiser',
    access: 'organiser',
    params: { slug: eventSlugSchema, personId: entityIdSchema },
    errors: [401, 403, 404],
  },
  {
    method: 'get',
    path: '/dev/outbox',
    summary: 'Development mailbox (absent in production)',
    tag: 'development',
    response: outboxListSchema,
    errors: [404],
  },
];

const json = (schema: z.ZodType): unknown =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' });

/** Builds the OpenAPI 3 document served at /api/docs/openapi.json. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const status = String(route.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: route.response
        ? { description: 'OK', content: { 'application/json': { schema: json(route.response) } } }
        : { description: 'OK' },
    };
    for (const status of route.errors) {
      responses[String(status)] = {
        description: 'Error envelope',
        content: { 'application/json': { schema: json(errorEnvelopeSchema) } },
      };
    }
    paths[`${API_PREFIX}${route.path}`] = {
      ...paths[`${API_PREFIX}${route.path}`],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        parameters: [
          ...Object.entries(route.params ?? {}).map(([name, schema]) => ({
            name,
            in: 'path',
            required: true,
            schema: json(schema),
          })),
          ...Object.entries(route.query?.shape ?? {}).map(([name, schema]) => ({
            name,
            in: 'query',
            required: false,
            schema: json(schema as z.ZodType),
          })),
        ],
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: json(route.body) } } } }
          : {}),
        ...(route.access && route.access !== 'public'
          ? { security: [{ session: [] }], 'x-plenary-access': route.access }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Plenary API',
      version,
      description:
        'REST API of Plenary. Errors use one envelope: { error: { code, message, details?, requestId } }.',
    },
    paths,
  };
}
