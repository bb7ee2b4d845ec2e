export * from './lib/errors';
export * from './lib/programme';
export * from './lib/live';
export * from './lib/api';
