import './lib/organiser.css';

export * from './lib/organiser-i18n';
export * from './lib/organiser-page';
export * from './lib/attendance-page';
export * from './lib/organiser-routes';
export * from './lib/registrations-console';
export * from './lib/speaker-photo-field';
