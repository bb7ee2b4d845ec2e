export * from './lib/api-client';
export * from './lib/query-keys';
export * from './lib/query-client';
export * from './lib/get-events';
export * from './lib/get-event';
export * from './lib/get-session';
