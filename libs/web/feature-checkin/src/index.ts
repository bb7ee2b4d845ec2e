export * from './lib/checkin-db';
export * from './lib/checkin-station';
export * from './lib/offline-verdict';
export * from './lib/ticket-payload';
