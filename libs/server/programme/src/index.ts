export * from './lib/entities';
export * from './lib/programme.module';
export * from './lib/programme.service';
export * from './lib/programme.exception';
export * from './lib/programme.mapper';
export * from './lib/seed/seed-reference-event';
export { REFERENCE_EVENT, REFERENCE_SESSIONS, REFERENCE_SPEAKERS } from './lib/seed/reference-event.data';
