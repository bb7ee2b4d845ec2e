import './lib/checkin.css';

export * from './lib/checkin-i18n';
export * from './lib/checkin-routes';
export * from './lib/staff-app-page';
export * from './lib/badge-page';
export * from './lib/organiser-checkin-page';
export * from './lib/staff-dependencies';
export * from './lib/checkin-db';
export * from './lib/checkin-station';
export * from './lib/offline-verdict';
export * from './lib/ticket-payload';
