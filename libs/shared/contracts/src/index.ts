export * from './lib/errors';
export * from './lib/programme';
export * from './lib/live';
export * from './lib/access';
export * from './lib/api';
export * from './lib/media';
export * from './lib/engagement';
export * from './lib/checkin';
