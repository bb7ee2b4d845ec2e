import {
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
  response: z.ZodType;
  errors: number[];
}

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
];

const json = (schema: z.ZodType): unknown =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any' });

/** Builds the OpenAPI 3 document served at /api/docs/openapi.json. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const responses: Record<string, unknown> = {
      '200': { description: 'OK', content: { 'application/json': { schema: json(route.response) } } },
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
        parameters: Object.entries(route.params ?? {}).map(([name, schema]) => ({
          name,
          in: 'path',
          required: true,
          schema: json(schema),
        })),
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
