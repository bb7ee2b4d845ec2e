import { createHash } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { startTestApi, type TestApi } from './test-api';

const API_POLICY =
  "default-src 'none';img-src 'self' data:;media-src 'self';base-uri 'none';form-action 'none';" +
  "frame-ancestors 'none';sandbox";

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  expect(response.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  });
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('security headers of the api', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('sends a locked-down CSP, nosniff, no framing and no referrer on JSON, errors and health', async () => {
    for (const url of [
      '/api/events/vmc2021',
      '/api/events/nope',
      '/api/no-such-route',
      '/healthz',
      '/readyz',
    ]) {
      const response = await api.request({ url });
      expectSecurityHeaders(response);
      expect({ url, csp: response.headers['content-security-policy'] }).toEqual({ url, csp: API_POLICY });
      // PUBLIC_URL is http here: no HSTS, which would lock browsers out of a plain-http deployment.
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const refused = await api.request({ method: 'POST', url: '/api/auth/sign-in', payload: {} });
    expect(refused.statusCode).toBe(400);
    expectSecurityHeaders(refused);
  });

  it('lets the API docs page run its own inline script and style, by hash, and nothing else', async () => {
    const response = await api.request({ url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expectSecurityHeaders(response);
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(response.body)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(response.body)?.[1] ?? '';
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none';img-src 'self' data:;media-src 'self';base-uri 'none';form-action 'none';" +
        `frame-ancestors 'none';script-src ${sha256(script)};style-src ${sha256(style)};connect-src 'self'`,
    );
  });
});

describe('security headers of the api behind https', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: 'https://plenary.example.org' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const response = await api.request({ url: '/api/events/vmc2021' });
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expectSecurityHeaders(response);
  });
});
