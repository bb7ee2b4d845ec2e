export * from './lib/errors';
export * from './lib/programme';
export * from './lib/live';
export * from './lib/access';
export * from './lib/api';
