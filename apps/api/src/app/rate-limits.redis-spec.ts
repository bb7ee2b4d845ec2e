import { errorEnvelopeSchema } from '@plenary/contracts';
import { limiterKey } from '@plenary/server-core';
import { testRedisUrl, type TestDatabase } from '@plenary/server-core/testing';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { freshIp, startTestApi, type TestApi } from './test-api';

/**
 * The Redis-backed rate limiter (RateLimitService with REDIS_URL) against a real Redis: two api instances on one
 * database count one address's sign-in requests together (5 per 15 minutes), refuse past the limit with
 * `429 core/rate-limited` and `Retry-After` whichever instance is asked, and keep the count in Redis under a hashed key.
 */

let first: TestApi & { database: TestDatabase };
let second: TestApi;
const redis = createClient({ url: testRedisUrl() });

const signIn = (api: TestApi, email: string) =>
  api.request({ method: 'POST', url: '/api/auth/sign-in', payload: { email }, ip: freshIp() });

beforeAll(async () => {
  await redis.connect();
  first = await startTestApi({ REDIS_URL: testRedisUrl() });
  second = await startTestApi({ REDIS_URL: testRedisUrl() }, { database: first.database });
});

afterAll(async () => {
  await second.close();
  await first.close();
  await redis.quit();
});

it('counts one address across two instances and refuses the sixth request on either', async () => {
  // A fresh address per run: the limiter's keys outlive the test in the shared Redis.
  const email = `limited-${randomUUID()}@example.org`;
  const statuses: number[] = [];
  for (const api of [first, second, first, second, first])
    statuses.push((await signIn(api, email)).statusCode);
  expect(statuses).toEqual([202, 202, 202, 202, 202]);

  for (const api of [second, first]) {
    const refused = await signIn(api, email);
    expect(refused.statusCode).toBe(429);
    expect(errorEnvelopeSchema.parse(refused.json()).error.code).toBe('core/rate-limited');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  }

  // Another address is not affected.
  expect((await signIn(second, `other-${randomUUID()}@example.org`)).statusCode).toBe(202);

  // The count lives in Redis, under a hash of the address (nothing personal in the key).
  const key = `plenary:rl:sign-in-email:${limiterKey(email)}`;
  expect(Number(await redis.get(key))).toBeGreaterThanOrEqual(5);
  const ttl = await redis.ttl(key);
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(15 * 60);
  expect(await redis.keys(`plenary:rl:*${email}*`)).toEqual([]);

  // Forgetting the key in Redis frees the address on both instances: neither kept a count of its own.
  await redis.del(key);
  expect((await signIn(first, email)).statusCode).toBe(202);
  expect((await signIn(second, email)).statusCode).toBe(202);
});
