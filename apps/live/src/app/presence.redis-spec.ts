import { testRedisUrl } from '@plenary/server-core/testing';
import { describePresenceAcrossNodes } from './presence.scenario';

describePresenceAcrossNodes(
  'Online presence across two live nodes with the Redis streams adapter (ADR 0014)',
  {
    REDIS_URL: testRedisUrl(),
  },
);
