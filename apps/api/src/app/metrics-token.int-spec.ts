import { errorEnvelopeSchema } from '@plenary/contracts';
import { startTestApi, type TestApi } from './test-api';

/** `METRICS_TOKEN`: with it set, `/metrics` answers only a request bearing exactly that token. */

const TOKEN = 'metrics-token-0123456789abcdef';
let api: TestApi;

const scrape = (authorization?: string) =>
  api.request({ url: '/metrics', ...(authorization === undefined ? {} : { headers: { authorization } }) });

beforeAll(async () => {
  api = await startTestApi({ METRICS_TOKEN: TOKEN });
});

afterAll(async () => {
  await api.close();
});

it.each([
  ['no token', undefined],
  ['an empty header', ''],
  ['a wrong token', 'Bearer metrics-token-0123456789abcdeX'],
  ['the token cut short', `Bearer ${TOKEN.slice(0, -1)}`],
  ['the token with more after it', `Bearer ${TOKEN}0`],
  ['the token without the Bearer scheme', TOKEN],
  ['the token under another scheme', `Basic ${TOKEN}`],
])('refuses %s with 401 core/unauthenticated and no metrics', async (_case, authorization) => {
  const response = await scrape(authorization);
  expect(response.statusCode).toBe(401);
  expect(errorEnvelopeSchema.parse(response.json()).error.code).toBe('core/unauthenticated');
  expect(response.body).not.toContain('plenary_');
});

it('answers the Prometheus text to the bearer of the token', async () => {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
  expect(response.body).toContain('plenary_http_request_duration_seconds_bucket');
});

it('leaves health and readiness open (probes carry no token)', async () => {
  expect((await api.request({ url: '/healthz' })).statusCode).toBe(200);
  expect((await api.request({ url: '/readyz' })).statusCode).toBe(200);
});
