import { describePresenceAcrossNodes } from './presence.scenario';

// The embedded default: no Redis; the live nodes share nothing but PostgreSQL.
describePresenceAcrossNodes('Online presence across two live nodes without Redis (ADR 0014)');
