export * from './lib/entities';
export * from './lib/programme.module';
export * from './lib/programme.service';
export * from './lib/programme.writer';
export * from './lib/programme.exception';
export * from './lib/programme.mapper';
export { ProgrammeRepository } from './lib/programme.repository';
export { renderMarkdown } from './lib/text/markdown';
export { addDays, instantToLocal, localToInstant } from './lib/text/local-time';
export * from './lib/seed/seed-reference-event';
export {
  REFERENCE_EVENT,
  REFERENCE_ROOMS,
  REFERENCE_SESSIONS,
  REFERENCE_SPEAKERS,
} from './lib/seed/reference-event.data';
export * from './lib/interchange/interchange.document';
export * from './lib/interchange/interchange.parse';
export * from './lib/interchange/interchange.export';
export * from './lib/interchange/programme.importer';
